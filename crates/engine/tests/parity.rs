//! Token-for-token parity with HF transformers 4.46.3 on tiny random-weight models of the exact
//! architectures svodka runs (models/fixtures, made by models/tools/make_fixtures.py). Passing
//! these is what says real checkpoints will behave in svodka as they do in transformers.

mod common;

use common::*;
use svodka_analysis::Role;
use svodka_engine::entities::Tagger;
use svodka_engine::models::Precision;
use svodka_engine::summarise::Summariser;
use svodka_engine::translate::Translator;
use svodka_manifest::LengthRange;

fn marian(set: &str, model: &str, role: Role) {
    let expected = expected(set, model);
    let cases = gen_cases(&expected);
    assert!(cases.len() >= 8, "{model}: too few cases");
    let files = files(set, role);
    for mode in ["greedy", "beam"] {
        let beams = beams_for(mode);
        let translator =
            Translator::load(&files, expected.settings.generation(beams), Precision::F32).unwrap();
        let mine: Vec<&GenCase> = cases.iter().filter(|c| c.mode == mode).collect();
        for case in &mine {
            assert_eq!(
                translator.encode(&case.input),
                case.input_ids,
                "{model}: tokenisation of {:?}",
                case.input
            );
            let out = translator
                .translate_batch(&[case.input.as_str()])
                .unwrap()
                .remove(0);
            assert_generation_matches(
                case,
                &out.ids,
                set == "relu",
                &format!("{set}/{model} {mode}"),
            );
            if out.ids == case.ids {
                assert_eq!(
                    out.text, case.text,
                    "{model}: decoded text differs for {:?}",
                    case.input
                );
            }
        }
        // The engine translates in batches: padding must not change any output.
        let inputs: Vec<&str> = mine.iter().map(|c| c.input.as_str()).collect();
        let batch = translator.translate_batch(&inputs).unwrap();
        for (case, out) in mine.iter().zip(&batch) {
            assert_generation_matches(
                case,
                &out.ids,
                set == "relu",
                &format!("{set}/{model} {mode} batched"),
            );
        }
    }
}

/// ~300-token generations: the vendored rust-bert's caches and beams sharing their encoder
/// outputs (vendor/README.md) over hundreds of steps of beams reordering.
fn marian_long(set: &str) {
    for (model, role) in [
        ("opus-mt-en-ru", Role::TranslateEnRu),
        ("opus-mt-ru-en", Role::TranslateRuEn),
    ] {
        let long = expected(set, model)
            .long
            .expect("long cases in the fixture");
        assert_eq!(long.settings.max_length, 300);
        let files = files(set, role);
        for mode in ["greedy", "beam"] {
            let settings = long.settings.generation(beams_for(mode));
            let translator = Translator::load(&files, settings, Precision::F32).unwrap();
            let mine: Vec<&GenCase> = long.cases.iter().filter(|c| c.mode == mode).collect();
            assert_eq!(mine.len(), 2, "{model} {mode}: cases");
            let what = format!("{set}/{model} {mode} long");
            for case in &mine {
                let out = translator
                    .translate_batch_with(&[case.input.as_str()], &settings)
                    .unwrap()
                    .remove(0);
                assert!(
                    out.ids.len() as i64 >= long.settings.min_length,
                    "{what}: too short"
                );
                assert_generation_matches(case, &out.ids, set == "relu", &what);
            }
            let inputs: Vec<&str> = mine.iter().map(|c| c.input.as_str()).collect();
            let batch = translator.translate_batch_with(&inputs, &settings).unwrap();
            for (case, out) in mine.iter().zip(&batch) {
                assert_generation_matches(
                    case,
                    &out.ids,
                    set == "relu",
                    &format!("{what} batched"),
                );
            }
        }
    }
}

#[test]
fn marian_long_generations_match_transformers_relu() {
    marian_long("relu");
}

#[test]
fn marian_long_generations_match_transformers_swish() {
    marian_long("");
}

#[test]
fn marian_en_ru_matches_transformers_relu() {
    marian("relu", "opus-mt-en-ru", Role::TranslateEnRu);
}

#[test]
fn marian_en_ru_matches_transformers_swish() {
    marian("", "opus-mt-en-ru", Role::TranslateEnRu);
}

#[test]
fn marian_ru_en_matches_transformers_relu() {
    marian("relu", "opus-mt-ru-en", Role::TranslateRuEn);
}

#[test]
fn marian_ru_en_matches_transformers_swish() {
    marian("", "opus-mt-ru-en", Role::TranslateRuEn);
}

fn bart(set: &str) {
    let expected = expected(set, "distilbart-cnn-12-6");
    let cases = gen_cases(&expected);
    let files = files(set, Role::SummariseEn);
    let range = LengthRange {
        min_length: expected.settings.min_length,
        max_length: expected.settings.max_length,
    };
    for mode in ["greedy", "beam"] {
        let summariser = Summariser::load(
            &files,
            expected.settings.generation(beams_for(mode)),
            Precision::F32,
        )
        .unwrap();
        for case in cases.iter().filter(|c| c.mode == mode) {
            assert_eq!(
                summariser.encode(&case.input),
                case.input_ids,
                "BART tokenisation of {:?}",
                case.input
            );
            let out = summariser
                .summarise_chunks(&[case.input.as_str()], range)
                .unwrap()
                .remove(0);
            assert_generation_matches(case, &out.ids, set == "relu", &format!("{set}/bart {mode}"));
            if out.ids == case.ids {
                assert_eq!(out.text, case.text.trim());
            }
        }
    }

    // Map-reduce over a text several windows long, chunk for chunk and level for level.
    let mr = expected.map_reduce.expect("map_reduce case");
    let summariser =
        Summariser::load(&files, expected.settings.generation(1), Precision::F32).unwrap();
    assert_eq!(summariser.window(), mr.window);
    let sentences: Vec<&str> = mr.sentences.iter().map(String::as_str).collect();
    let mut fractions = Vec::new();
    let got = summariser
        .summarise(&sentences, range, &mut |f| {
            fractions.push(f);
            Ok(())
        })
        .unwrap();
    assert_eq!(got.levels.len(), mr.levels.len(), "number of map levels");
    for (g, e) in got.levels.iter().zip(&mr.levels) {
        assert_eq!(
            g.chunks, e.chunks,
            "chunking differs from the fixture generator's"
        );
        assert_eq!(g.summaries, e.summaries, "chunk summaries differ");
    }
    assert_eq!(got.final_input, mr.final_input);
    assert_eq!(got.summary.ids, mr.ids);
    assert_eq!(got.summary.text, mr.text);
    assert!(
        fractions.windows(2).all(|w| w[0] <= w[1]) && fractions.last() == Some(&1.0),
        "{fractions:?}"
    );
}

#[test]
fn bart_matches_transformers_relu() {
    bart("relu");
}

#[test]
fn bart_matches_transformers_gelu() {
    bart("");
}

#[derive(serde::Deserialize)]
struct NerToken {
    label: String,
    score: f64,
    offsets: [u32; 2],
}

fn bert(set: &str) {
    let expected = expected(set, "bert-base-NER");
    let tagger = Tagger::load(&files(set, Role::NerEn), Precision::F32).unwrap();
    assert!(expected.cases.len() >= 5);
    for case in &expected.cases {
        let input = case["input"].as_str().unwrap();
        let want: Vec<NerToken> = serde_json::from_value(case["tokens"].clone()).unwrap();
        let got = tagger.piece_labels(&[input]).remove(0);
        assert_eq!(got.len(), want.len(), "word pieces of {input:?}");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g.label, w.label, "label of {:?} in {input:?}", g.text);
            let off = g.offset.expect("offsets");
            assert_eq!([off.begin, off.end], w.offsets, "offsets of {:?}", g.text);
            assert!(
                (g.score - w.score).abs() < 1e-4,
                "score of {:?}: {} vs {}",
                g.text,
                g.score,
                w.score
            );
        }
    }
}

#[test]
fn bert_ner_matches_transformers_relu() {
    bert("relu");
}

#[test]
fn bert_ner_matches_transformers_gelu() {
    bert("");
}
