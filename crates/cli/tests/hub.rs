//! `svodka models install` against a loopback server speaking the Hub's protocol, then the
//! installed model working in `svodka analyze`; the built-in pins refusing files that are not the
//! pinned ones; and an unreachable Hub.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use svodka_hub::testing::{pin_of, HubServer, COMMIT};

const REPO: &str = "Helsinki-NLP/opus-mt-en-ru";

fn repo_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn svodka(args: &[&str], endpoint: &str) -> Output {
    svodka_with(args, endpoint, None)
}

/// `manifest`: a manifest file to use instead of the built-in one (`$SVODKA_MANIFEST`).
fn svodka_with(args: &[&str], endpoint: &str, manifest: Option<&Path>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_svodka"));
    cmd.args(args)
        .current_dir(repo_root())
        .env("HF_ENDPOINT", endpoint)
        // The loopback Hub redirects to itself over plain http.
        .env("SVODKA_HUB_TEST_LOOPBACK", "1")
        .env_remove("SVODKA_MANIFEST");
    if let Some(m) = manifest {
        cmd.env("SVODKA_MANIFEST", m);
    }
    cmd.output().unwrap()
}

/// The built-in manifest with opus-mt-en-ru pinned to `files` at the loopback Hub's commit, the
/// way a newsroom would pin its own mirror.
fn manifest_pinning(files: &[(&str, Vec<u8>)], path: &Path) {
    let text = std::fs::read_to_string(repo_root().join("models/manifest.toml")).unwrap();
    let pins: Vec<String> = files
        .iter()
        .map(|(name, bytes)| {
            let pin = pin_of(name, bytes);
            let sha = pin
                .sha256
                .map(|s| format!(", sha256 = \"{s}\""))
                .unwrap_or_default();
            format!("  {{ path = \"{name}\", size = \"{}\"{sha} }},", pin.size)
        })
        .collect();
    let mut out = Vec::new();
    let mut in_model = false;
    let mut skipping = false;
    for line in text.lines() {
        if line.starts_with("id = ") {
            in_model = line == "id = \"opus-mt-en-ru\"";
        }
        if skipping {
            skipping = line != "]";
            continue;
        }
        match line {
            l if in_model && l.starts_with("revision = ") => {
                out.push(format!("revision = \"{COMMIT}\""))
            }
            l if in_model && l.starts_with("commit = ") => {
                out.push(format!("commit = \"{COMMIT}\""))
            }
            "files = [" if in_model => {
                out.push("files = [".into());
                out.extend(pins.iter().cloned());
                out.push("]".into());
                skipping = true;
            }
            l => out.push(l.to_string()),
        }
    }
    std::fs::write(path, out.join("\n")).unwrap();
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
    let mut files: Vec<(&str, Vec<u8>)> = ["config.json", "vocab.json", "source.spm", "target.spm"]
        .into_iter()
        .map(|f| (f, std::fs::read(fixture.join(f)).unwrap()))
        .collect();
    files.push(("rust_model.ot", rust_model_ot()));
    for (f, bytes) in &files {
        hub.add_file(REPO, f, bytes.clone());
    }
    let store = std::env::temp_dir().join(format!("svodka-cli-hub-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&store);
    std::fs::create_dir_all(&store).unwrap();
    let store_arg = store.to_str().unwrap();
    let manifest = store.join("manifest.toml");
    manifest_pinning(&files, &manifest);
    let pinned = Some(manifest.as_path());

    // The built-in pins are the real repository's: the fixture files are refused, nothing kept.
    let out = svodka(
        &["models", "install", "opus-mt-en-ru", "--models", store_arg],
        &hub.url,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("not the file svodka pins"), "{stderr}");
    assert!(!store.join("opus-mt-en-ru").exists());

    let out = svodka_with(
        &["models", "install", "opus-mt-en-ru", "--models", store_arg],
        &hub.url,
        pinned,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("installed opus-mt-en-ru (5 files"));
    // The weights came through the redirect to the "CDN", as from the real Hub.
    assert!(hub
        .log()
        .iter()
        .any(|s| s.method == "GET" && s.path.starts_with("cdn/")));

    let out = svodka_with(
        &["models", "verify", "--models", store_arg],
        &hub.url,
        pinned,
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok         opus-mt-en-ru"));

    // The extractive English summary is now translated by the installed model.
    let out = svodka_with(
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
        pinned,
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

    let out = svodka_with(
        &["models", "remove", "opus-mt-en-ru", "--models", store_arg],
        &hub.url,
        pinned,
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
