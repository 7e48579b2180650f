//! Every command of the desktop app through Tauri's IPC on the mock runtime — the same builder as
//! the real app, with the fixture models — errors included.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use svodka_desktop::Places;
use svodka_engine::EngineConfig;
use svodka_hub::testing::{pin_of, HubServer, COMMIT};
use svodka_hub::Endpoint;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

const EN: &str = include_str!("../../samples/en-article.txt");
const RU: &str = include_str!("../../samples/ru-article.txt");

fn repo() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// The app with its real context — config, capabilities, embedded front end — on the mock
/// runtime, so the commands pass the same permission checks as in the real window.
fn start(models: PathBuf) -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
    // Nothing listens on port 9: installs fail as offline unless a test gives a Hub.
    start_with_hub(models, "http://127.0.0.1:9")
}

fn start_with_hub(models: PathBuf, hub: &str) -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
    start_with_config(EngineConfig::new(models), hub)
}

fn start_with_config(
    config: EngineConfig,
    hub: &str,
) -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
    // The loopback Hub redirects to itself over plain http; the real Hub's redirects are https.
    std::env::set_var("SVODKA_HUB_TEST_LOOPBACK", "1");
    let home = tempfile::tempdir().unwrap();
    let places = Places {
        library: home.path().join("library.sqlite3"),
        exports: home.path().join("exports"),
    };
    let app = svodka_desktop::app(mock_builder(), config, Endpoint(hub.into()), places)
        .build(tauri::generate_context!())
        .expect("the app builds on the mock runtime");
    // The temporary library and exports live as long as the app.
    app.manage(home);
    let window = match app.get_webview_window("main") {
        Some(w) => w,
        None => WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .expect("a mock window"),
    };
    (app, window)
}

fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, body: Value) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|body| body.deserialize::<Value>().unwrap())
}

fn analyze(window: &WebviewWindow<MockRuntime>, text: &str, length: &str) -> Result<Value, Value> {
    invoke(
        window,
        "analyze",
        json!({"request": {"text": text, "length": length}, "onProgress": "__CHANNEL__:1"}),
    )
}

#[test]
fn analyze_returns_both_summaries_on_the_fixture_models() {
    let (_app, window) = start(repo().join("models/fixtures"));
    let a = analyze(&window, EN, "short").expect("analysis");
    assert_eq!(a["format_version"], 1);
    assert_eq!(a["route"], "en-summarise-translate");
    let en = a["summaries"]["en"]["sentences"].as_array().unwrap().len();
    let ru = a["summaries"]["ru"]["sentences"].as_array().unwrap().len();
    assert!(en > 0 && en == ru, "{en} vs {ru}");
    assert_eq!(a["article"]["entities"]["status"], "tagged");
}

#[test]
fn with_no_models_a_russian_article_gets_key_sentences_and_entities() {
    let (_app, window) = start("/nonexistent/svodka-models".into());
    let a = analyze(&window, RU, "medium").expect("analysis");
    assert_eq!(a["route"], "extractive");
    assert_eq!(a["summaries"]["ru"]["status"], "ready");
    assert_eq!(a["summaries"]["en"]["status"], "unavailable");
    assert!(a["summaries"]["en"]["reason"]
        .as_str()
        .unwrap()
        .contains("opus-mt-ru-en"));
    assert_eq!(a["article"]["entities"]["model"], "slovnet_ner_news_v1");
}

#[test]
fn bad_input_is_a_typed_error() {
    let (_app, window) = start("/nonexistent/svodka-models".into());
    for (text, message) in [
        ("", "the input is empty"),
        (
            include_str!("../../samples/fr-article.txt"),
            "unsupported language: French",
        ),
    ] {
        let e = analyze(&window, text, "short").unwrap_err();
        assert_eq!(e["kind"], "bad-input", "{e}");
        assert!(e["message"].as_str().unwrap().starts_with(message), "{e}");
    }
    // Arguments the UI never sends are refused by deserialisation, not by a panic.
    let e = invoke(
        &window,
        "analyze",
        json!({"request": {"text": "x", "length": "huge"}, "onProgress": "__CHANNEL__:1"}),
    )
    .unwrap_err();
    assert!(e.as_str().unwrap_or_default().contains("huge"), "{e}");
}

#[test]
fn a_broken_model_is_a_model_error() {
    let root = std::env::temp_dir().join(format!("svodka-desktop-broken-{}", std::process::id()));
    let dir = root.join("distilbart-cnn-12-6");
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["vocab.json", "merges.txt", "model.safetensors"] {
        std::fs::write(dir.join(f), b"").unwrap();
    }
    std::fs::write(dir.join("config.json"), b"{").unwrap();
    let (_app, window) = start(root.clone());
    let e = analyze(&window, EN, "short").unwrap_err();
    assert_eq!(e["kind"], "model", "{e}");
    assert!(e["message"]
        .as_str()
        .unwrap()
        .contains("distilbart-cnn-12-6"));
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn models_status_lists_every_model() {
    let (_app, window) = start(repo().join("models/fixtures"));
    let status = invoke(&window, "models_status", json!({})).unwrap();
    let list = status.as_array().unwrap();
    assert_eq!(list.len(), 5, "{status}");
    assert!(list
        .iter()
        .all(|m| m["licence"].is_string() && m["size_mb"].is_number()));
    assert!(list.iter().all(|m| m["installed"] == true), "{status}");
    assert!(list.iter().any(|m| m["role"] == "ner-ru"));

    let (_app, window) = start("/nonexistent/svodka-models".into());
    let status = invoke(&window, "models_status", json!({})).unwrap();
    let missing: Vec<&Value> = status
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["installed"] == false)
        .collect();
    assert_eq!(missing.len(), 4);
    assert!(missing
        .iter()
        .all(|m| m["detail"].as_str().unwrap().contains("huggingface.co")));
}

#[test]
fn cancel_stops_a_running_analysis_and_a_second_one_is_refused_meanwhile() {
    let (_app, window) = start(repo().join("models/fixtures"));
    assert_eq!(invoke(&window, "cancel", json!({})).unwrap(), json!(false));
    // A long Russian article on the pivot route takes seconds on the fixture models.
    let long = RU.repeat(8);
    let runner = window.clone();
    let job = std::thread::spawn(move || analyze(&runner, &long, "long"));
    // The job registers as soon as the command starts; give the thread a moment to get there.
    std::thread::sleep(Duration::from_millis(1000));
    let second = analyze(&window, EN, "short").unwrap_err();
    assert_eq!(second["kind"], "busy", "{second}");
    let started = Instant::now();
    while invoke(&window, "cancel", json!({})).unwrap() != json!(true) {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "never became cancellable"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let e = job.join().unwrap().unwrap_err();
    assert_eq!(e["kind"], "cancelled", "{e}");
    // And the app is usable again.
    assert_eq!(invoke(&window, "cancel", json!({})).unwrap(), json!(false));
}

#[test]
fn the_window_may_call_nothing_but_svodkas_commands() {
    let (_app, window) = start("/nonexistent/svodka-models".into());
    for cmd in [
        "plugin:window|close",
        "plugin:event|emit",
        "plugin:webview|print",
    ] {
        let e = invoke(&window, cmd, json!({})).unwrap_err();
        assert!(
            e.as_str().unwrap_or_default().contains("not allowed"),
            "{cmd}: {e}"
        );
    }
}

#[test]
fn a_model_is_installed_from_the_hub_then_listed_then_removed() {
    let hub = HubServer::start();
    let fixture = repo().join("models/fixtures/opus-mt-en-ru");
    let mut files: Vec<(&str, Vec<u8>)> = ["config.json", "vocab.json", "source.spm", "target.spm"]
        .into_iter()
        .map(|f| (f, std::fs::read(fixture.join(f)).unwrap()))
        .collect();
    // The command's wiring is under test here; the CLI's tests load installed weights.
    files.push(("rust_model.ot", vec![7u8; 300_000]));
    for (f, bytes) in &files {
        hub.add_file("Helsinki-NLP/opus-mt-en-ru", f, bytes.clone());
    }
    let store = std::env::temp_dir().join(format!("svodka-desktop-install-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&store);
    // The real pins refuse the fixture files, as the window says.
    let (_app, window) = start_with_hub(store.clone(), &hub.url);
    let e = invoke(
        &window,
        "install_model",
        json!({"id": "opus-mt-en-ru", "onProgress": "__CHANNEL__:2"}),
    )
    .unwrap_err();
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .contains("not the file svodka pins"),
        "{e}"
    );
    // Pinned to what the loopback Hub serves, the install goes through.
    let mut config = EngineConfig::new(store.clone());
    let spec = config
        .manifest
        .models
        .iter_mut()
        .find(|m| m.id == "opus-mt-en-ru")
        .unwrap();
    spec.revision = COMMIT.into();
    spec.commit = COMMIT.into();
    spec.files = files.iter().map(|(f, b)| pin_of(f, b)).collect();
    let (_app, window) = start_with_config(config, &hub.url);
    assert_eq!(
        invoke(&window, "cancel_install", json!({"id": "opus-mt-en-ru"})).unwrap(),
        json!(false)
    );
    invoke(
        &window,
        "install_model",
        json!({"id": "opus-mt-en-ru", "onProgress": "__CHANNEL__:2"}),
    )
    .expect("install");
    let status = invoke(&window, "models_status", json!({})).unwrap();
    let entry = status
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "opus-mt-en-ru")
        .unwrap()
        .clone();
    assert_eq!(entry["installed"], true, "{entry}");
    assert_eq!(
        invoke(&window, "remove_model", json!({"id": "opus-mt-en-ru"})).unwrap(),
        json!(true)
    );
    assert_eq!(
        invoke(&window, "remove_model", json!({"id": "opus-mt-en-ru"})).unwrap(),
        json!(false)
    );
    let _ = std::fs::remove_dir_all(&store);
}

#[test]
fn install_errors_say_what_happened() {
    let (_app, window) = start("/nonexistent/svodka-models".into());
    let e = invoke(
        &window,
        "install_model",
        json!({"id": "opus-mt-en-ru", "onProgress": "__CHANNEL__:2"}),
    )
    .unwrap_err();
    assert_eq!(e["kind"], "offline", "{e}");
    assert!(e["message"]
        .as_str()
        .unwrap()
        .contains("cannot reach the Hub"));
    let e = invoke(
        &window,
        "install_model",
        json!({"id": "no-such-model", "onProgress": "__CHANNEL__:2"}),
    )
    .unwrap_err();
    assert!(
        e["message"].as_str().unwrap().contains("unknown model"),
        "{e}"
    );
}

#[test]
fn library_save_search_open_export_delete_restore() {
    let (app, window) = start("/nonexistent/svodka-models".into());
    let analysis = analyze(&window, RU, "short").expect("zero-download analysis");
    let id = invoke(
        &window,
        "library_save",
        json!({"request": {"id": null, "meta": {"title": "", "tags": ["транспорт"], "note": ""}, "analysis": analysis}}),
    )
    .expect("saved");
    let search = |text: &str| {
        invoke(&window, "library_search", json!({"query": {"text": text}})).expect("search")
    };
    // "Собянина" (genitive) finds the article that says "Собянин".
    let hits = search("Собянина");
    assert_eq!(hits[0]["id"], id, "{hits}");
    assert!(!hits[0]["snippet"]["marks"].as_array().unwrap().is_empty());
    let facets = invoke(&window, "library_facets", json!({})).unwrap();
    assert_eq!(facets["tags"][0]["tag"], "транспорт");
    assert!(facets["entities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["kind"] == "PER"));

    let entry = invoke(&window, "library_open", json!({"id": id})).unwrap();
    assert_eq!(entry["analysis"], analysis);
    // Saving again with the id updates the entry instead of adding one.
    invoke(
        &window,
        "library_save",
        json!({"request": {"id": id, "meta": {"title": "Транспорт Москвы", "tags": [], "note": ""}, "analysis": analysis}}),
    )
    .unwrap();
    assert_eq!(search("")[0]["title"], "Транспорт Москвы");
    assert_eq!(search("").as_array().unwrap().len(), 1);

    let path = invoke(
        &window,
        "library_export",
        json!({"ids": [id], "format": "html"}),
    )
    .unwrap();
    let path = PathBuf::from(path.as_str().unwrap());
    assert_eq!(path.file_name().unwrap(), "транспорт-москвы.html");
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .contains("<mark class=\"PER\""));
    let again = invoke(
        &window,
        "library_export",
        json!({"ids": [id], "format": "html"}),
    )
    .unwrap();
    assert!(again.as_str().unwrap().ends_with("транспорт-москвы-2.html"));

    invoke(&window, "library_delete", json!({"ids": [id]})).unwrap();
    assert!(search("").as_array().unwrap().is_empty());
    invoke(&window, "library_restore", json!({"ids": [id]})).unwrap();
    assert_eq!(search("").as_array().unwrap().len(), 1);

    let missing = invoke(&window, "library_open", json!({"id": 999})).unwrap_err();
    assert_eq!(missing["kind"], "bad-input");
    assert!(missing["message"]
        .as_str()
        .unwrap()
        .contains("no saved analysis with id 999"));
    drop(app);
}

#[test]
fn compare_then_apply_picks_on_the_fixture_models() {
    let (_app, window) = start(repo().join("models/fixtures"));
    let analysis = analyze(&window, EN, "short").expect("analysis");
    let comparison = invoke(
        &window,
        "compare",
        json!({"analysis": analysis, "onProgress": "__CHANNEL__:2"}),
    )
    .expect("comparison");
    assert_eq!(comparison["language"], "ru");
    let versions = comparison["versions"].as_array().unwrap();
    assert!(versions.len() >= 3, "{comparison}");
    assert_eq!(versions[0]["key"], "own");
    assert!(versions[1]["sentences"][0]["chrf"].is_number());
    let pick = versions[1]["sentences"][0]["text"].clone();
    let edited = invoke(
        &window,
        "apply_picks",
        json!({"request": {"analysis": analysis, "sentences": [pick], "note": "picked"}}),
    )
    .expect("picks applied");
    assert_eq!(edited["summaries"]["ru"]["text"], pick);
    assert_eq!(edited["summaries"]["ru"]["entities"]["status"], "tagged");

    // An analysis with no Russian summary has nothing to compare.
    let (_app2, bare) = start("/nonexistent/svodka-models".into());
    let ru_only = analyze(&bare, RU, "short").expect("zero-download analysis");
    let err = invoke(
        &bare,
        "compare",
        json!({"analysis": ru_only, "onProgress": "__CHANNEL__:3"}),
    )
    .unwrap_err();
    assert_eq!(err["kind"], "bad-input");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .starts_with("cannot compare: the analysis has no English summary"),
        "{err}"
    );
}
