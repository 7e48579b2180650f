//! `svodka models install` against a loopback server speaking the Hub's protocol, then the
//! installed model working in `svodka analyze`; and against an unreachable Hub.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use svodka_hub::testing::HubServer;

const REPO: &str = "Helsinki-NLP/opus-mt-en-ru";

fn repo_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn svodka(args: &[&str], endpoint: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_svodka"))
        .args(args)
        .current_dir(repo_root())
        .env("HF_ENDPOINT", endpoint)
        // The loopback Hub redirects to itself over plain http.
        .env("SVODKA_HUB_TEST_LOOPBACK", "1")
        .output()
        .unwrap()
}

/// The fixture translator as the real repository ships it: rust_model.ot (libtorch's format)
/// with the static position tables included.
fn rust_model_ot() -> Vec<u8> {
    let dir = repo_root().join("models/fixtures/opus-mt-en-ru");
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("config.json")).unwrap()).unwrap();
    let mut named = tch::Tensor::read_safetensors(dir.join("model.safetensors")).unwrap();
    svodka_engine::models::weights::add_missing_positions(
        &mut named,
        config["max_position_embeddings"].as_i64().unwrap(),
        config["d_model"].as_i64().unwrap(),
    );
    let mut out = Vec::new();
    tch::Tensor::save_multi_to_stream(&named, &mut out).unwrap();
    out
}

#[test]
fn install_from_the_hub_then_the_model_works_in_analyze() {
    let hub = HubServer::start();
    let fixture = repo_root().join("models/fixtures/opus-mt-en-ru");
    for f in ["config.json", "vocab.json", "source.spm", "target.spm"] {
        hub.add_file(REPO, f, std::fs::read(fixture.join(f)).unwrap());
    }
    hub.add_file(REPO, "rust_model.ot", rust_model_ot());
    let store = std::env::temp_dir().join(format!("svodka-cli-hub-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&store);
    let store_arg = store.to_str().unwrap();

    let out = svodka(
        &["models", "install", "opus-mt-en-ru", "--models", store_arg],
        &hub.url,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("installed opus-mt-en-ru (5 files"));
    // The weights came through the redirect to the "CDN", as from the real Hub.
    assert!(hub
        .log()
        .iter()
        .any(|s| s.method == "GET" && s.path.starts_with("cdn/")));

    let out = svodka(&["models", "verify", "--models", store_arg], &hub.url);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok         opus-mt-en-ru"));

    // The extractive English summary is now translated by the installed model.
    let out = svodka(
        &[
            "analyze",
            "samples/en-article.txt",
            "--json",
            "--length",
            "short",
            "--models",
            store_arg,
        ],
        &hub.url,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let a: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(a["summaries"]["ru"]["status"], "ready");
    assert!(a["models"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["id"] == "opus-mt-en-ru"));

    let out = svodka(
        &["models", "remove", "opus-mt-en-ru", "--models", store_arg],
        &hub.url,
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(!store.join("opus-mt-en-ru").exists());
    std::fs::remove_dir_all(&store).unwrap();
}

#[test]
fn an_unreachable_hub_fails_fast_and_leaves_nothing() {
    let store = std::env::temp_dir().join(format!("svodka-cli-offline-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&store);
    let started = Instant::now();
    let out = svodka(
        &[
            "models",
            "install",
            "distilbart-cnn-12-6",
            "--models",
            store.to_str().unwrap(),
        ],
        "http://127.0.0.1:9",
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(out.status.code(), Some(4), "offline has its own exit code");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot reach the Hub at 127.0.0.1"), "{err}");
    assert!(err.contains("svodka models import"), "{err}");
    assert!(!store.join("distilbart-cnn-12-6").exists());
}
