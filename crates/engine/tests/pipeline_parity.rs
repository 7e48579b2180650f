//! The summariser and a translator against transformers' own pipelines on fixtures that keep
//! keys of the real configs the plain fixtures leave out (models/tools/make_pipeline_fixtures.py):
//! BART's input prefix " ", which the summarization pipeline puts before every article, and the
//! 2020 key `force_bos_token_to_be_generated` without the newer `forced_bos_token_id` (vendor
//! patch 8; without it the ids differ); Marian's `bad_words_ids` [[pad]] on a model whose pad
//! logit is an ordinary number, not the plain fixtures' −1e9. Beam scores are compared too: they
//! show where pad is banned and what length a score is normalised by (vendor patch 9).

mod common;

use serde::Deserialize;
use svodka_analysis::Role;
use svodka_engine::models::Precision;
use svodka_engine::summarise::Summariser;
use svodka_engine::translate::Translator;
use svodka_manifest::{installed, Generation, LengthRange, Manifest};

#[derive(Deserialize)]
struct Expected {
    settings: Settings,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Settings {
    num_beams: i64,
    length_penalty: f64,
    no_repeat_ngram_size: i64,
    early_stopping: bool,
    min_length: i64,
    max_length: i64,
}

#[derive(Deserialize)]
struct Case {
    input: String,
    input_ids: Vec<i64>,
    ids: Vec<i64>,
    text: String,
    /// transformers' `sequences_scores` for the same call.
    score: f64,
}

/// The beam's score as transformers computes it: pad banned after log-softmax (Marian), the sum
/// normalised by the generated length without the decoder start token (vendor patch 9).
fn assert_score(got: Option<f64>, case: &Case) {
    let got = got.expect("beam search reports a score");
    assert!(
        (got - case.score).abs() < 1e-4,
        "score of {:?}: {got} vs transformers' {}",
        case.input,
        case.score
    );
}

fn expected(id: &str) -> Expected {
    let path = common::fixtures()
        .join("pipeline")
        .join(id)
        .join("expected.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn generation(s: &Settings) -> Generation {
    Generation {
        num_beams: s.num_beams,
        length_penalty: s.length_penalty,
        no_repeat_ngram_size: s.no_repeat_ngram_size,
        early_stopping: s.early_stopping,
        min_length: s.min_length,
        max_length: s.max_length,
    }
}

#[test]
fn translations_match_transformers_translation_pipeline_with_an_ordinary_pad_logit() {
    let expected = expected("opus-mt-en-ru");
    let manifest = Manifest::builtin();
    let dir = common::fixtures().join("pipeline");
    let files = installed(&dir, manifest.for_role(Role::TranslateEnRu).unwrap()).unwrap();
    let settings = generation(&expected.settings);
    let translator = Translator::load(&files, settings, Precision::F32).unwrap();
    for case in &expected.cases {
        assert_eq!(translator.encode(&case.input), case.input_ids);
        let got = translator
            .translate_batch_with(&[case.input.as_str()], &settings)
            .unwrap()
            .remove(0);
        assert_eq!(got.ids, case.ids, "{:?}", case.input);
        assert_eq!(got.text, case.text.trim());
        assert_score(got.score, case);
    }
}

#[test]
fn summaries_match_transformers_summarization_pipeline_with_the_real_config_keys() {
    let dir = common::fixtures().join("pipeline");
    let expected = expected("distilbart-cnn-12-6");
    let manifest = Manifest::builtin();
    let files = installed(&dir, manifest.for_role(Role::SummariseEn).unwrap()).unwrap();
    let s = &expected.settings;
    let settings = generation(s);
    let range = LengthRange {
        min_length: s.min_length,
        max_length: s.max_length,
    };
    let summariser = Summariser::load(&files, settings, Precision::F32).unwrap();
    for case in &expected.cases {
        assert_eq!(
            summariser.encode(&case.input),
            case.input_ids,
            "the pipeline's prefix"
        );
        let got = summariser
            .summarise_chunks(&[case.input.as_str()], range)
            .unwrap()
            .remove(0);
        assert_eq!(got.ids, case.ids, "{:?}", case.input);
        assert_eq!(got.text, case.text.trim());
        assert_score(got.score, case);
    }
}
