//! Installing from a loopback server that speaks the Hub's protocol (svodka_hub::testing),
//! serving the fixture models: clean install, resume after a cut, corruption, 404/403, cancel of
//! a slow transfer and resuming afterwards, an unreachable Hub; and the pins: another commit,
//! size or sha256 refused before downloading, git-stored files checked by their blob id, files
//! that cannot be checked refused unless accepted, the real manifest refusing the fixtures.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use svodka_hub::download::{partial_path, Downloader};
use svodka_hub::store::{self, Accept, InstallProgress};
use svodka_hub::testing::{pin_of, sha256_hex, HubServer, COMMIT};
use svodka_hub::{Endpoint, HubError, Options};
use svodka_manifest::{installed, InstallState, Manifest, ModelSpec, STATE_FILE};

const REPO: &str = "Helsinki-NLP/opus-mt-en-ru";

fn fixture() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../models/fixtures/opus-mt-en-ru"
    ))
}

/// The manifest's opus-mt-en-ru, pinned to the fixture's files (safetensors weights) as the
/// loopback Hub serves them at its commit.
fn model() -> ModelSpec {
    let mut spec = Manifest::builtin().find("opus-mt-en-ru").unwrap().clone();
    spec.revision = COMMIT.into();
    spec.commit = COMMIT.into();
    spec.files = [
        "config.json",
        "model.safetensors",
        "vocab.json",
        "source.spm",
        "target.spm",
    ]
    .map(|f| pin_of(f, &std::fs::read(fixture().join(f)).unwrap()))
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
    install_spec(d, store_dir, &model(), Accept::default())
}

fn install_spec(
    d: &Downloader,
    store_dir: &Path,
    spec: &ModelSpec,
    accept: Accept,
) -> (Result<InstallState, HubError>, Vec<InstallProgress>) {
    let cancel = AtomicBool::new(false);
    let mut seen = Vec::new();
    let r = store::install(d, store_dir, spec, accept, &cancel, &mut |p| seen.push(p));
    (r, seen)
}

fn assert_same_as_fixture(store_dir: &Path) {
    for f in model().download() {
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
    assert_eq!(state.commit.as_deref(), Some(COMMIT));
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
    let r = store::install(
        &downloader(&hub.url),
        &dir,
        &model(),
        Accept::default(),
        &cancel,
        &mut |_| {},
    );
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

/// Only what the pins allow is downloaded: nothing of a refused model reaches the store.
fn assert_refused_before_downloading(hub: &HubServer, dir: &Path) {
    assert!(!dir.exists(), "nothing written");
    assert!(
        hub.log().iter().all(|s| s.method == "HEAD"),
        "nothing fetched"
    );
}

#[test]
fn the_real_pins_refuse_the_fixture_files() {
    let hub = server();
    let real = Manifest::builtin().find("opus-mt-en-ru").unwrap().clone();
    let dir = store("real-pins");
    // The Hub serves another commit than the pinned one.
    let e = install_spec(&downloader(&hub.url), &dir, &real, Accept::default())
        .0
        .unwrap_err();
    assert!(
        matches!(&e, HubError::Pinned { detail, .. } if detail.contains("served commit")),
        "{e}"
    );
    // At the pinned commit, the fixture's config.json is not the 1.38 kB file the Hub's page
    // shows; accepting unpinned files does not accept a file that differs from its pin.
    hub.faults(|f| f.commit = Some(real.commit.clone()));
    let e = install_spec(
        &downloader(&hub.url),
        &dir,
        &real,
        Accept { unpinned: true },
    )
    .0
    .unwrap_err();
    assert!(
        matches!(&e, HubError::Pinned { file, detail, .. }
            if file == "config.json" && detail.contains("1.38 kB")),
        "{e}"
    );
    assert!(e.to_string().contains("not the file svodka pins"), "{e}");
    assert_refused_before_downloading(&hub, &dir);
}

#[test]
fn a_sha256_or_size_other_than_pinned_is_refused_before_downloading() {
    let hub = server();
    let dir = store("pin-sha");
    let mut spec = model();
    spec.files[1].sha256 = Some("ab".repeat(32));
    let e = install_spec(&downloader(&hub.url), &dir, &spec, Accept::default())
        .0
        .unwrap_err();
    assert!(
        matches!(&e, HubError::Pinned { file, detail, .. }
            if file == "model.safetensors" && detail.contains("announced sha256")),
        "{e}"
    );
    let mut spec = model();
    spec.files[2].size = svodka_manifest::PageSize::parse("2.6 MB").unwrap();
    let e = install_spec(&downloader(&hub.url), &dir, &spec, Accept::default())
        .0
        .unwrap_err();
    assert!(
        matches!(&e, HubError::Pinned { file, detail, .. }
            if file == "vocab.json" && detail.contains("2.6 MB")),
        "{e}"
    );
    assert_refused_before_downloading(&hub, &dir);
}

#[test]
fn a_pinned_sha256_is_what_the_content_must_hash_to_whatever_the_hub_announces() {
    // The Hub announces no sha256 for the weights (served as a git file), but the pin holds.
    let hub = HubServer::start();
    let weights = std::fs::read(fixture().join("model.safetensors")).unwrap();
    let mut spec = model();
    spec.files.retain(|f| f.path == "model.safetensors");
    let pinned = sha256_hex(b"other weights");
    spec.files[0].sha256 = Some(pinned.clone());
    // Small enough for the server's git path: no X-Linked-Etag, only a git blob ETag.
    hub.add_file(REPO, "model.safetensors", weights[..8 * 1024].to_vec());
    spec.files[0].size = svodka_manifest::PageSize::exact(8 * 1024);
    let dir = store("pin-content");
    let e = install_spec(&downloader(&hub.url), &dir, &spec, Accept::default())
        .0
        .unwrap_err();
    assert!(
        matches!(&e, HubError::Checksum { detail, .. } if detail.contains(&pinned)),
        "{e}"
    );
    let file = dir.join("opus-mt-en-ru/model.safetensors");
    assert!(!file.exists() && !partial_path(&file).exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn git_stored_files_are_checked_against_the_commits_blob_id() {
    let hub = server();
    // The fixture's config.json is small enough to be served as a git file, as on the Hub.
    hub.faults(|f| f.corrupt = Some("config.json".into()));
    let dir = store("git-blob");
    match install(&downloader(&hub.url), &dir).0 {
        Err(HubError::Checksum { file, detail }) => {
            assert_eq!(file, "config.json");
            assert!(detail.contains("git blob"), "{detail}");
        }
        other => panic!("{other:?}"),
    }
    assert!(!dir.join("opus-mt-en-ru/config.json").exists());
    assert!(!is_installed(&dir, &model()));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_that_cannot_be_checked_is_refused_unless_accepted() {
    let hub = server();
    let dir = store("unpinned");
    // No ETag for the git-stored files: nothing to hold them to.
    hub.faults(|f| f.no_etag = true);
    let e = install(&downloader(&hub.url), &dir).0.unwrap_err();
    assert!(
        matches!(&e, HubError::Unpinned { file, reason, .. }
            if file == "config.json" && reason.contains("no git blob id")),
        "{e}"
    );
    assert!(e.to_string().contains("--allow-unpinned"), "{e}");
    // No commit named: the blob id would not be the pinned commit's.
    hub.faults(|f| {
        f.no_etag = false;
        f.commit = Some(String::new());
    });
    let e = install(&downloader(&hub.url), &dir).0.unwrap_err();
    assert!(
        matches!(&e, HubError::Unpinned { reason, .. } if reason.contains("which commit")),
        "{e}"
    );
    assert_refused_before_downloading(&hub, &dir);
    // Asked for, they are accepted; the weights are still held to their sha256.
    let state = install_spec(
        &downloader(&hub.url),
        &dir,
        &model(),
        Accept { unpinned: true },
    )
    .0
    .unwrap();
    assert_eq!(state.files.len(), 5);
    assert_same_as_fixture(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_ref_revision_is_sent_as_one_segment_and_its_commit_checked_by_prefix() {
    let hub = server();
    let dir = store("pr-ref");
    let mut spec = model();
    spec.revision = "refs/pr/18".into();
    spec.commit = COMMIT[..7].into();
    install_spec(&downloader(&hub.url), &dir, &spec, Accept::default())
        .0
        .unwrap();
    assert!(hub
        .log()
        .iter()
        .all(|s| s.path.starts_with("cdn/") || s.path.contains("/resolve/refs%2Fpr%2F18/")));
    std::fs::remove_dir_all(&dir).unwrap();
}
