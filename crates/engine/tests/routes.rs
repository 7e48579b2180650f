//! The whole pipeline on the fixture models: routes, alignment, entities, progress, cancel,
//! missing models, and the Analysis contract (serde round trip).

mod common;

use std::sync::{Arc, Mutex};

use svodka_analysis::Lang;
use svodka_analysis::{Analysis, Entities, Length, Route, Stage, Summary};
use svodka_engine::{Engine, EngineConfig, EngineError, ErrorKind, Progress};

const EN: &str = include_str!("../../../samples/en-article.txt");
const RU: &str = include_str!("../../../samples/ru-article.txt");

fn engine() -> Engine {
    Engine::start(common::quick_config(common::fixtures()))
}

fn run(engine: &Engine, text: &str) -> (Analysis, Vec<Progress>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    let a = engine
        .analyze(text.to_string(), Length::Short, move |p| {
            sink.lock().unwrap().push(p)
        })
        .unwrap();
    let progress = seen.lock().unwrap().clone();
    (a, progress)
}

fn assert_aligned(a: &Analysis) {
    let en = a
        .summaries
        .en
        .document()
        .expect("English summary")
        .sentence_texts();
    let ru = a
        .summaries
        .ru
        .document()
        .expect("Russian summary")
        .sentence_texts();
    assert!(!en.is_empty() && en.iter().all(|s| !s.is_empty()), "{en:?}");
    assert_eq!(en.len(), ru.len(), "summaries must be sentence-aligned");
    assert!(ru.iter().all(|s| !s.is_empty()), "{ru:?}");
}

fn assert_spans_valid(doc: &svodka_analysis::Document) {
    if let Entities::Tagged { items, .. } = &doc.entities {
        for e in items {
            assert_eq!(e.span.slice(&doc.text), e.text);
        }
    }
}

#[test]
fn english_article_is_summarised_then_translated() {
    let engine = engine();
    let (a, progress) = run(&engine, EN);
    assert_eq!(a.source_language, Lang::En);
    assert_eq!(a.route, Route::EnSummariseTranslate);
    assert!(a.article_translation.is_none());
    assert_aligned(&a);
    // English texts are tagged by the English model, Russian ones by slovnet.
    match &a.article.entities {
        Entities::Tagged { model, items } => {
            assert_eq!(model, "bert-base-NER");
            assert!(!items.is_empty());
        }
        other => panic!("article not tagged: {other:?}"),
    }
    let (en, ru) = (
        a.summaries.en.document().unwrap(),
        a.summaries.ru.document().unwrap(),
    );
    assert!(matches!(en.entities, Entities::Tagged { .. }));
    assert!(
        matches!(&ru.entities, Entities::Tagged { model, .. } if model == "slovnet_ner_news_v1")
    );
    assert!(a.notes.is_empty(), "{:?}", a.notes);
    for doc in [&a.article, en, ru] {
        assert_spans_valid(doc);
    }
    let stages: Vec<Stage> = a.timings.iter().map(|t| t.stage).collect();
    assert_eq!(
        stages,
        vec![
            Stage::Prepare,
            Stage::LoadModels,
            Stage::Summarise,
            Stage::TranslateSummary,
            Stage::Entities
        ]
    );
    assert_eq!(a.models.len(), 4);
    assert!(progress
        .iter()
        .any(|p| p.stage == Stage::Summarise && p.fraction == 1.0));
    assert!(progress.iter().all(|p| (0.0..=1.0).contains(&p.fraction)));
}

#[test]
fn russian_article_takes_the_pivot_route() {
    let engine = engine();
    let (a, _) = run(&engine, RU);
    assert_eq!(a.source_language, Lang::Ru);
    assert_eq!(a.route, Route::RuPivotThroughEn);
    let t = a
        .article_translation
        .as_ref()
        .expect("English translation of the article");
    assert_eq!(t.language, Lang::En);
    assert_eq!(
        t.sentences.len(),
        a.article.sentences.len(),
        "article translation is sentence-aligned"
    );
    // The Russian article's own entities come from slovnet: real ones, since slovnet is real.
    match &a.article.entities {
        Entities::Tagged { model, items } => {
            assert_eq!(model, "slovnet_ner_news_v1");
            assert!(
                items
                    .iter()
                    .any(|e| e.text == "Москвы" || e.text == "Москва"),
                "{items:?}"
            );
        }
        other => panic!("Russian article not tagged: {other:?}"),
    }
    assert_spans_valid(&a.article);
    assert!(matches!(t.entities, Entities::Tagged { .. }));
    assert_aligned(&a);
    assert!(a.timings.iter().any(|t| t.stage == Stage::TranslateArticle));
}

#[test]
fn analysis_round_trips_through_json() {
    let engine = engine();
    let (a, _) = run(&engine, EN);
    let json = serde_json::to_string_pretty(&a).unwrap();
    let back: Analysis = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["format_version"], 1);
    assert_eq!(v["route"], "en-summarise-translate");
    assert_eq!(v["summaries"]["ru"]["entities"]["status"], "tagged");
}

#[test]
fn bad_input_fails_before_any_model_loads() {
    let engine = Engine::start(EngineConfig::new("/nonexistent/models".into()));
    for (input, want) in [
        ("", "the input is empty"),
        ("   \n\t ", "the input is empty"),
        (
            include_str!("../../../samples/fr-article.txt"),
            "unsupported language: French",
        ),
    ] {
        let e = engine
            .analyze(input.to_string(), Length::Medium, |_| {})
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::BadInput);
        assert!(e.to_string().starts_with(want), "{e}");
    }
}

/// A model store holding only the named fixture models (symlinked).
fn store_with(models: &[&str], tag: &str) -> std::path::PathBuf {
    let root = std::env::temp_dir().join(format!("svodka-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    for m in models {
        std::os::unix::fs::symlink(common::fixtures().join(m), root.join(m)).unwrap();
    }
    root
}

#[test]
fn with_no_models_the_summary_is_the_articles_key_sentences() {
    let engine = Engine::start(EngineConfig::new("/nonexistent/models".into()));
    for (text, lang) in [(EN, Lang::En), (RU, Lang::Ru)] {
        let (a, _) = run(&engine, text);
        assert_eq!(a.route, Route::Extractive);
        let (own, other) = match lang {
            Lang::En => (&a.summaries.en, &a.summaries.ru),
            Lang::Ru => (&a.summaries.ru, &a.summaries.en),
        };
        // Real sentences of the article, in article order.
        let article = a.article.sentence_texts();
        let picked = own
            .document()
            .expect("summary in the article's language")
            .sentence_texts();
        assert_eq!(picked.len(), 3, "short preset");
        let positions: Vec<usize> = picked
            .iter()
            .map(|s| {
                article
                    .iter()
                    .position(|x| x == s)
                    .expect("an article sentence")
            })
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
        // The other column says what to install, and the notes say how.
        match other {
            Summary::Unavailable { reason } => assert!(reason.contains("opus-mt-"), "{reason}"),
            Summary::Ready(_) => panic!("no translator is installed"),
        }
        assert_eq!(a.notes.len(), 4, "{:?}", a.notes);
        assert!(a
            .notes
            .iter()
            .any(|n| n.contains("huggingface.co/sshleifer/distilbart-cnn-12-6")));
        // Russian texts are still tagged: slovnet ships with svodka.
        match lang {
            Lang::En => assert!(a.models.is_empty(), "{:?}", a.models),
            Lang::Ru => {
                assert_eq!(a.models.len(), 1, "{:?}", a.models);
                let summary = own.document().unwrap();
                for doc in [&a.article, summary] {
                    assert!(
                        matches!(&doc.entities, Entities::Tagged { items, .. } if !items.is_empty())
                    );
                    assert_spans_valid(doc);
                }
            }
        }
    }
}

#[test]
fn without_slovnet_russian_texts_say_what_to_install() {
    let mut config = EngineConfig::new("/nonexistent/models".into());
    config.slovnet_dir = "/nonexistent/slovnet".into();
    let engine = Engine::start(config);
    let (a, _) = run(&engine, RU);
    match &a.article.entities {
        Entities::Unavailable { reason } => {
            assert!(reason.contains("slovnet_ner_news_v1"), "{reason}")
        }
        other => panic!("expected no entities, got {other:?}"),
    }
    assert!(
        a.notes
            .iter()
            .any(|n| n.contains("scripts/setup-slovnet.sh")),
        "{:?}",
        a.notes
    );
    assert!(a.models.is_empty());
}

#[test]
fn a_broken_slovnet_pack_is_an_error_naming_it() {
    let dir = std::env::temp_dir().join(format!("svodka-broken-slovnet-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for f in [
        svodka_engine::entities::slovnet::NER_PACK,
        svodka_engine::entities::slovnet::NAVEC_PACK,
    ] {
        std::fs::write(dir.join(f), b"not a tar").unwrap();
    }
    let mut config = EngineConfig::new("/nonexistent/models".into());
    config.slovnet_dir = dir.clone();
    let e = Engine::start(config)
        .analyze(RU.to_string(), Length::Short, |_| {})
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Model);
    assert!(e.to_string().contains("slovnet_ner_news_v1"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn extractive_summary_is_translated_when_the_translator_is_installed() {
    let root = store_with(&["opus-mt-en-ru"], "translator-only");
    let engine = Engine::start(common::quick_config(root.clone()));
    let (a, _) = run(&engine, EN);
    assert_eq!(a.route, Route::Extractive);
    assert_aligned(&a);
    // The translator, and slovnet for the Russian summary.
    assert_eq!(a.models.len(), 2, "{:?}", a.models);
    assert_eq!(a.notes.len(), 3, "{:?}", a.notes);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_broken_model_is_an_error_naming_it() {
    let root = store_with(&["opus-mt-en-ru", "opus-mt-ru-en"], "broken");
    let dir = root.join("distilbart-cnn-12-6");
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["vocab.json", "merges.txt", "model.safetensors"] {
        std::fs::write(dir.join(f), b"").unwrap();
    }
    std::fs::write(dir.join("config.json"), b"{\"d_model\": ").unwrap();
    let engine = Engine::start(EngineConfig::new(root.clone()));
    let e = engine
        .analyze(EN.to_string(), Length::Short, |_| {})
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Model);
    assert!(e.to_string().contains("distilbart-cnn-12-6"), "{e}");
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn missing_ner_model_is_reported_not_invented() {
    // A store with everything but the entity model.
    let root = store_with(
        &["distilbart-cnn-12-6", "opus-mt-en-ru", "opus-mt-ru-en"],
        "no-ner",
    );
    let engine = Engine::start(common::quick_config(root.clone()));
    let (a, _) = run(&engine, EN);
    match &a.article.entities {
        Entities::Unavailable { reason } => assert!(reason.contains("(bert-base-NER)"), "{reason}"),
        other => panic!("expected no entities, got {other:?}"),
    }
    assert_eq!(a.models.len(), 3, "{:?}", a.models);
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn a_job_can_be_cancelled_between_stages() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let engine = engine();
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = cancel.clone();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    let job = engine.submit_with_cancel(
        EN.to_string(),
        Length::Short,
        move |p| {
            sink.lock().unwrap().push(p.stage);
            if p.stage == Stage::Summarise {
                flag.store(true, Ordering::SeqCst);
            }
        },
        cancel,
    );
    assert!(matches!(job.wait(), Err(EngineError::Cancelled)));
    let stages = seen.lock().unwrap().clone();
    assert!(
        !stages.contains(&Stage::TranslateSummary),
        "work went on after cancel: {stages:?}"
    );
    // The worker keeps serving after a cancel.
    assert!(engine
        .analyze(EN.to_string(), Length::Short, |_| {})
        .is_ok());
}
