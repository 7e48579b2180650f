//! Comparison on the fixture models: which versions each route yields, back-translation scores,
//! word diffs, a second installed translator, and applying a reader's picks.

mod common;

use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use svodka_analysis::{Analysis, Lang};
use svodka_analysis::{Entities, Length, Route, Stage};
use svodka_engine::compare::diff::DiffOp;
use svodka_engine::compare::Comparison;
use svodka_engine::{Engine, EngineConfig, ErrorKind};

const EN: &str = include_str!("../../../samples/en-article.txt");
const RU: &str = include_str!("../../../samples/ru-article.txt");

fn analyze(engine: &Engine, text: &str) -> Analysis {
    engine
        .analyze(text.to_string(), Length::Short, |_| {})
        .unwrap()
}

fn compare(engine: &Engine, a: &Analysis) -> (Comparison, Vec<Stage>) {
    let stages = Arc::new(Mutex::new(Vec::new()));
    let sink = stages.clone();
    let c = engine
        .submit_compare(
            a.clone(),
            move |p| sink.lock().unwrap().push(p.stage),
            Arc::new(AtomicBool::new(false)),
        )
        .wait()
        .unwrap();
    let stages = stages.lock().unwrap().clone();
    (c, stages)
}

fn keys(c: &Comparison) -> Vec<&str> {
    c.versions.iter().map(|v| v.key.as_str()).collect()
}

#[test]
fn an_english_article_gets_other_russian_versions_scored_by_back_translation() {
    let engine = Engine::start(common::quick_config(common::fixtures()));
    let a = analyze(&engine, EN);
    assert_eq!(a.route, Route::EnSummariseTranslate);
    let (c, stages) = compare(&engine, &a);
    assert_eq!((c.source_language, c.language), (Lang::En, Lang::Ru));
    assert_eq!(
        keys(&c),
        [
            "own",
            "key-sentences:opus-mt-en-ru",
            "translated-article-key-sentences:opus-mt-en-ru"
        ]
    );
    assert_eq!(c.back_translator.as_deref(), Some("opus-mt-ru-en"));
    assert!(c
        .missing
        .iter()
        .any(|m| m.contains("a second English→Russian translator")));
    assert!(c
        .missing
        .iter()
        .any(|m| m.contains("no Russian abstractive summariser")));
    assert!(stages.contains(&Stage::Alternatives) && stages.contains(&Stage::BackTranslate));

    // The own version is the analysis's Russian summary, each sentence tied to its English one.
    let own = &c.versions[0];
    let ru = a.summaries.ru.document().unwrap().sentence_texts();
    let en = a.summaries.en.document().unwrap().sentence_texts();
    let own_texts: Vec<&str> = own.sentences.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(own_texts, ru);
    for (s, source) in own.sentences.iter().zip(&en) {
        assert_eq!(s.source.as_deref(), Some(*source));
        assert_eq!(s.reference.as_deref(), Some(*source));
    }
    assert!(own.diff.is_empty());
    for v in &c.versions {
        assert!(!v.sentences.is_empty(), "{}", v.key);
        for s in &v.sentences {
            let score = s.chrf.expect("scored");
            assert!((0.0..=100.0).contains(&score), "{score}");
            assert!(s.back_translation.is_some() && s.matches.is_some());
            assert!(s.matches.unwrap() < own.sentences.len());
        }
    }
    // Key sentences come from the article and are scored against them.
    let article = a.article.sentence_texts();
    for s in &c.versions[1].sentences {
        assert!(article.contains(&s.source.as_deref().unwrap()));
    }
    // Each diff rebuilds both texts.
    for v in &c.versions[1..] {
        let side = |skip| -> String {
            v.diff
                .iter()
                .filter(|d| d.op != skip)
                .map(|d| d.text.as_str())
                .collect()
        };
        assert_eq!(side(DiffOp::Added), own_texts.join(" "));
        let joined: Vec<&str> = v.sentences.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(side(DiffOp::Removed), joined.join(" "));
    }
}

#[test]
fn a_second_installed_translator_adds_its_own_versions() {
    // A second English→Russian model in the manifest, installed beside the first. The fixture
    // stands in for it with greedy decoding, so its output is its own.
    let store = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(common::fixtures()).unwrap() {
        let entry = entry.unwrap();
        std::os::unix::fs::symlink(entry.path(), store.path().join(entry.file_name())).unwrap();
    }
    std::os::unix::fs::symlink(
        common::fixtures().join("opus-mt-en-ru"),
        store.path().join("opus-mt-en-ru-greedy"),
    )
    .unwrap();
    let mut config = common::quick_config(store.path().to_path_buf());
    let mut second = config
        .manifest
        .models
        .iter()
        .find(|m| m.id == "opus-mt-en-ru")
        .unwrap()
        .clone();
    second.id = "opus-mt-en-ru-greedy".into();
    second.generation.as_mut().unwrap().num_beams = 1;
    config.manifest.models.push(second);

    let engine = Engine::start(config);
    let a = analyze(&engine, EN);
    // The analysis itself uses the first listed.
    assert!(a.models.iter().any(|m| m.id == "opus-mt-en-ru"));
    assert!(!a.models.iter().any(|m| m.id == "opus-mt-en-ru-greedy"));
    let (c, _) = compare(&engine, &a);
    assert_eq!(
        keys(&c),
        [
            "own",
            "key-sentences:opus-mt-en-ru",
            "key-sentences:opus-mt-en-ru-greedy",
            "summary:opus-mt-en-ru-greedy",
            "translated-article-key-sentences:opus-mt-en-ru"
        ]
    );
    assert!(!c.missing.iter().any(|m| m.contains("second")));
    // The second translator's version of the same English summary is aligned with it.
    let en = a.summaries.en.document().unwrap().sentence_texts();
    let by_second = &c.versions[3];
    assert_eq!(by_second.sentences.len(), en.len());
    assert_eq!(
        by_second.label,
        "The English summary, translated by opus-mt-en-ru-greedy"
    );
}

#[test]
fn a_russian_article_compares_english_versions() {
    let engine = Engine::start(common::quick_config(common::fixtures()));
    let a = analyze(&engine, RU);
    assert_eq!(a.route, Route::RuPivotThroughEn);
    let (c, _) = compare(&engine, &a);
    assert_eq!(c.language, Lang::En);
    assert_eq!(
        keys(&c),
        [
            "own",
            "key-sentences:opus-mt-ru-en",
            "translated-article-key-sentences:opus-mt-ru-en"
        ]
    );
    // The English summary was written from the translation: scored against the closest
    // article sentence instead of a source sentence.
    let article = a.article.sentence_texts();
    for s in &c.versions[0].sentences {
        assert!(s.source.is_none());
        assert!(article.contains(&s.reference.as_deref().unwrap()));
    }
    // The article translation of the analysis is reused for the translated-article version.
    let translation = a.article_translation.as_ref().unwrap().sentence_texts();
    for s in &c.versions[2].sentences {
        assert!(translation.contains(&s.text.as_str()), "{}", s.text);
    }
}

#[test]
fn with_nothing_translated_there_is_nothing_to_compare() {
    let engine = Engine::start(EngineConfig::new("/nonexistent/svodka-models".into()));
    let a = analyze(&engine, RU);
    let err = engine
        .submit_compare(a, |_| {}, Arc::new(AtomicBool::new(false)))
        .wait()
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BadInput);
    assert!(err.to_string().contains("no English summary"), "{err}");
}

#[test]
fn picked_sentences_become_the_summary_with_fresh_entities() {
    let engine = Engine::start(common::quick_config(common::fixtures()));
    let a = analyze(&engine, EN);
    let (c, _) = compare(&engine, &a);
    let picks: Vec<String> = vec![
        c.versions[1].sentences[0].text.clone(),
        c.versions[0].sentences.last().unwrap().text.clone(),
    ];
    let edited = engine
        .apply_picks(
            a.clone(),
            picks.clone(),
            "Russian summary: sentence 1 from key sentences".into(),
        )
        .unwrap();
    let ru = edited.summaries.ru.document().unwrap();
    assert_eq!(
        ru.sentence_texts(),
        picks.iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert!(matches!(ru.entities, Entities::Tagged { .. }));
    assert_eq!(edited.summaries.en, a.summaries.en);
    assert_eq!(
        edited.notes.last().unwrap(),
        "Russian summary: sentence 1 from key sentences"
    );
    let none = engine
        .apply_picks(a, vec!["  ".into()], String::new())
        .unwrap_err();
    assert_eq!(none.kind(), ErrorKind::BadInput);
}

#[test]
fn an_analysis_from_the_window_is_checked_before_any_work() {
    let engine = Engine::start(common::quick_config(common::fixtures()));
    let good = analyze(&engine, RU);
    let mut outside = good.clone();
    outside.summaries.en.document_mut().unwrap().sentences[0].end = 1_000_000;
    let mut too_many = good.clone();
    let translation = too_many.article_translation.as_mut().unwrap();
    translation.sentences = vec![translation.sentences[0]; 50_000];
    for bad in [outside, too_many] {
        let e = engine
            .submit_compare(bad.clone(), |_| {}, Arc::new(AtomicBool::new(false)))
            .wait()
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::BadInput, "{e}");
        let e = engine
            .apply_picks(bad, vec!["A sentence.".into()], String::new())
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::BadInput, "{e}");
    }
    let e = engine
        .apply_picks(good.clone(), vec!["A sentence.".into(); 201], String::new())
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BadInput, "{e}");
    // A translation that does not match the article sentence for sentence is compared, not a
    // panic: its sentences beyond the article's have no source.
    let mut longer = good;
    let translation = longer.article_translation.as_mut().unwrap();
    let extra: Vec<String> = (0..40)
        .map(|i| format!("Extra sentence number {i}."))
        .collect();
    let mut texts: Vec<String> = translation
        .sentence_texts()
        .iter()
        .map(|s| s.to_string())
        .collect();
    texts.extend(extra);
    *translation = svodka_analysis::Document::from_sentences(
        Lang::En,
        &texts,
        Entities::Unavailable {
            reason: String::new(),
        },
    );
    let (c, _) = compare(&engine, &longer);
    assert!(!c.versions.is_empty());
}
