//! Token ids the tokenizer knows but the model's embedding does not never reach libtorch (vendor
//! patch 7): the real distilbart's vocab.json has `<mask>` at 50264, one past its 50,264
//! embedding rows, so a reader who pastes an article containing "<mask>" would otherwise crash
//! the summariser (transformers raises an IndexError on it).

mod common;

use svodka_analysis::Role;
use svodka_engine::models::Precision;
use svodka_engine::summarise::Summariser;
use svodka_manifest::{installed, LengthRange, Manifest};

#[test]
fn a_special_token_outside_the_embedding_becomes_unknown() {
    // The BART fixture, with <mask> moved one past its embedding as in the real model.
    let src = common::set_dir("").join("distilbart-cnn-12-6");
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("distilbart-cnn-12-6");
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["config.json", "model.safetensors", "merges.txt"] {
        std::fs::copy(src.join(f), dir.join(f)).unwrap();
    }
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(src.join("config.json")).unwrap()).unwrap();
    let rows = config["vocab_size"].as_i64().unwrap();
    let mut vocab: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(src.join("vocab.json")).unwrap()).unwrap();
    vocab.insert("<mask>".into(), rows.into());
    std::fs::write(
        dir.join("vocab.json"),
        serde_json::to_string(&vocab).unwrap(),
    )
    .unwrap();

    let manifest = Manifest::builtin();
    let files = installed(root.path(), manifest.for_role(Role::SummariseEn).unwrap()).unwrap();
    let settings = svodka_manifest::Generation {
        num_beams: 2,
        length_penalty: 2.0,
        no_repeat_ngram_size: 3,
        early_stopping: true,
        min_length: 4,
        max_length: 12,
    };
    let summariser = Summariser::load(&files, settings, Precision::F32).unwrap();
    let text = "The central bank <mask> interest rates unchanged on Tuesday.";
    assert!(
        summariser.encode(text).contains(&rows),
        "the tokenizer gives the id past the embedding"
    );
    let range = LengthRange {
        min_length: 4,
        max_length: 12,
    };
    let out = summariser.summarise_chunks(&[text], range).unwrap();
    assert!(out[0].ids.len() > 1, "{out:?}");
}
