//! Installing from a loopback server that speaks the Hub's protocol (svodka_hub::testing),
//! serving the fixture models: clean install, resume after a cut, corruption, 404/403, cancel of
//! a slow transfer and resuming afterwards, an unreachable Hub.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use svodka_hub::download::{partial_path, Downloader};
use svodka_hub::store::{self, InstallProgress};
use svodka_hub::testing::{sha256_hex, HubServer};
use svodka_hub::{Endpoint, HubError, Options};
use svodka_manifest::{installed, InstallState, Manifest, ModelSpec, STATE_FILE};

const REPO: &str = "Helsinki-NLP/opus-mt-en-ru";

fn fixture() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../models/fixtures/opus-mt-en-ru"
    ))
}

/// The manifest's opus-mt-en-ru, downloading the fixture's files (safetensors weights).
fn model() -> ModelSpec {
    let mut spec = Manifest::builtin().find("opus-mt-en-ru").unwrap().clone();
    spec.download = [
        "config.json",
        "model.safetensors",
        "vocab.json",
        "source.spm",
        "target.spm",
    ]
    .map(String::from)
    .to_vec();
    spec
}

fn is_installed(dir: &Path, model: &ModelSpec) -> bool {
    installed(dir, model).is_ok()
}

fn store(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("svodka-hub-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn downloader(url: &str) -> Downloader {
    Downloader::new(
        Endpoint(url.into()),
        Options {
            connect_timeout: Duration::from_secs(2),
            read_timeout: Duration::from_secs(2),
            retries: 3,
            backoff: Duration::from_millis(10),
            allow_loopback_http: true,
        },
    )
    .unwrap()
}

fn server() -> HubServer {
    let s = HubServer::start();
    s.add_repo(REPO, &fixture());
    s
}

fn weights_size() -> usize {
    std::fs::metadata(fixture().join("model.safetensors"))
        .unwrap()
        .len() as usize
}

fn install(
    d: &Downloader,
    store_dir: &Path,
) -> (Result<InstallState, HubError>, Vec<InstallProgress>) {
    let cancel = AtomicBool::new(false);
    let mut seen = Vec::new();
    let r = store::install(d, store_dir, &model(), &cancel, &mut |p| seen.push(p));
    (r, seen)
}

fn assert_same_as_fixture(store_dir: &Path) {
    for f in &model().download {
        assert_eq!(
            std::fs::read(store_dir.join("opus-mt-en-ru").join(f)).unwrap(),
            std::fs::read(fixture().join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn clean_install_verifies_and_records_every_file() {
    let hub = server();
    let dir = store("clean");
    let (r, progress) = install(&downloader(&hub.url), &dir);
    let state = r.unwrap();
    assert_same_as_fixture(&dir);
    assert_eq!(state.files.len(), 5);
    assert!(is_installed(&dir, &model()));
    assert!(dir.join("opus-mt-en-ru").join(STATE_FILE).is_file());
    assert!(store::verify(&dir, &model()).unwrap().is_empty());
    let last = progress.last().unwrap();
    assert_eq!(last.done, last.total);
    // The weights came the LFS way: a redirect, then the CDN.
    let log = hub.log();
    assert!(log
        .iter()
        .any(|s| s.method == "GET" && s.path.starts_with("cdn/")));
    // Installing again downloads nothing.
    let before = hub.log().len();
    install(&downloader(&hub.url), &dir).0.unwrap();
    assert!(hub.log()[before..].iter().all(|s| s.method == "HEAD"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_cut_connection_is_resumed_from_where_it_stopped() {
    let hub = server();
    let size = weights_size();
    let cut_at = size / 3;
    hub.faults(|f| f.cut = Some(("model.safetensors".into(), cut_at)));
    let dir = store("resume");
    install(&downloader(&hub.url), &dir).0.unwrap();
    assert_same_as_fixture(&dir);
    let cdn = format!(
        "cdn/{}",
        sha256_hex(&std::fs::read(fixture().join("model.safetensors")).unwrap())
    );
    let gets: Vec<_> = hub
        .log()
        .into_iter()
        .filter(|s| s.method == "GET" && s.path == cdn)
        .collect();
    assert_eq!(gets.len(), 2, "{gets:?}");
    assert_eq!((gets[0].range_start, gets[0].sent), (None, cut_at));
    assert_eq!(
        (gets[1].range_start, gets[1].sent),
        (Some(cut_at as u64), size - cut_at),
        "only the rest is downloaded"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_corrupted_byte_is_detected_and_the_file_refused() {
    let hub = server();
    hub.faults(|f| f.corrupt = Some("model.safetensors".into()));
    let dir = store("corrupt");
    match install(&downloader(&hub.url), &dir).0 {
        Err(HubError::Checksum { file, .. }) => assert_eq!(file, "model.safetensors"),
        other => panic!("{other:?}"),
    }
    let weights = dir.join("opus-mt-en-ru/model.safetensors");
    assert!(!weights.exists() && !partial_path(&weights).exists());
    assert!(!is_installed(&dir, &model()));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn missing_and_gated_files_name_the_repo_and_leave_nothing() {
    let hub = server();
    hub.faults(|f| {
        f.status.insert("vocab.json".into(), 404);
    });
    let dir = store("status");
    let e = install(&downloader(&hub.url), &dir).0.unwrap_err();
    assert!(
        matches!(&e, HubError::NotFound { path, .. } if path == "vocab.json"),
        "{e}"
    );
    assert!(e.to_string().contains(REPO), "{e}");
    hub.faults(|f| {
        f.status.insert("vocab.json".into(), 403);
    });
    let e = install(&downloader(&hub.url), &dir).0.unwrap_err();
    assert!(matches!(e, HubError::Denied { status: 403, .. }), "{e}");
    assert!(e.to_string().contains("gated"), "{e}");
    assert!(!dir.exists(), "nothing written before every file resolved");
}

#[test]
fn a_slow_download_can_be_cancelled_and_later_resumed() {
    let hub = server();
    hub.faults(|f| f.slow = Some(Duration::from_millis(30)));
    let dir = store("cancel");
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = cancel.clone();
    let stopper = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(400));
        flag.store(true, Ordering::SeqCst);
    });
    let started = Instant::now();
    let r = store::install(&downloader(&hub.url), &dir, &model(), &cancel, &mut |_| {});
    stopper.join().unwrap();
    assert!(matches!(r, Err(HubError::Cancelled)), "{r:?}");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(!is_installed(&dir, &model()));
    let weights = dir.join("opus-mt-en-ru/model.safetensors");
    let kept = std::fs::metadata(partial_path(&weights))
        .map(|m| m.len())
        .unwrap_or(0);

    assert!(
        kept > 0,
        "the cancel came mid-file and the partial download was kept"
    );

    hub.faults(|f| f.slow = None);
    install(&downloader(&hub.url), &dir).0.unwrap();
    assert_same_as_fixture(&dir);
    assert!(hub
        .log()
        .iter()
        .any(|s| s.range_start == Some(kept) && s.sent == weights_size() - kept as usize));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_unreachable_hub_fails_fast_with_the_offline_message() {
    // Nothing listens on port 9 of the loopback interface.
    let dir = store("offline");
    let started = Instant::now();
    let e = install(&downloader("http://127.0.0.1:9"), &dir)
        .0
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(matches!(e, HubError::Offline { .. }), "{e}");
    assert!(
        e.to_string().contains("cannot reach the Hub at 127.0.0.1"),
        "{e}"
    );
    assert!(!dir.exists());
}

#[test]
fn import_copies_and_hashes_a_downloaded_folder() {
    let dir = store("import");
    let state = store::import(&dir, &model(), &fixture()).unwrap();
    assert_eq!(state.source, "import");
    assert!(is_installed(&dir, &model()));
    assert!(store::verify(&dir, &model()).unwrap().is_empty());
    // A damaged file is found by verify.
    let vocab = dir.join("opus-mt-en-ru/vocab.json");
    let mut bytes = std::fs::read(&vocab).unwrap();
    bytes[0] ^= 1;
    std::fs::write(&vocab, bytes).unwrap();
    assert_eq!(
        store::verify(&dir, &model()).unwrap(),
        vec!["vocab.json".to_string()]
    );
    assert!(store::remove(&dir, &model()).unwrap());
    assert!(!is_installed(&dir, &model()));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_larger_than_announced_stops_the_download_and_leaves_nothing() {
    let hub = server();
    // 64 MB more than the X-Linked-Size the Hub announced.
    let extra = 64 << 20;
    hub.faults(|f| f.oversize = Some(("model.safetensors".into(), extra)));
    let dir = store("oversize");
    match install(&downloader(&hub.url), &dir).0 {
        Err(HubError::Checksum { file, detail }) => {
            assert_eq!(file, "model.safetensors");
            assert!(detail.contains("more than the expected"), "{detail}");
        }
        other => panic!("{other:?}"),
    }
    let weights = dir.join("opus-mt-en-ru/model.safetensors");
    assert!(!weights.exists() && !partial_path(&weights).exists());
    // Reading stopped at the announced size, not after the whole 64 MB (the socket's buffers
    // take a few MB before the server notices the client left).
    let sent: usize = hub
        .log()
        .iter()
        .filter(|s| s.method == "GET" && s.path.starts_with("cdn/"))
        .map(|s| s.sent)
        .sum();
    assert!(sent < weights_size() + extra / 2, "{sent} bytes sent");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn redirects_are_followed_only_to_https() {
    let hub = server();
    let dir = store("redirect");
    // Without the test option, the loopback Hub's plain-http redirect to its CDN is refused.
    let strict = Downloader::new(
        Endpoint(hub.url.clone()),
        Options {
            allow_loopback_http: false,
            ..downloader(&hub.url).options
        },
    )
    .unwrap();
    let e = install(&strict, &dir).0.unwrap_err();
    assert!(
        e.to_string().contains("not https") && e.to_string().contains("/cdn/"),
        "{e}"
    );
    assert!(!dir.join("opus-mt-en-ru/model.safetensors").exists());
    assert!(
        hub.log().iter().all(|s| !s.path.starts_with("cdn/")),
        "nothing fetched from the refused location"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
