//! The real app in a real window: tauri-driver drives WebKitWebDriver, which starts
//! target/debug/svodka-desktop on the fixture models. Run under Xvfb by `make test`:
//! `xvfb-run -a cargo test -p svodka-e2e -- --ignored --test-threads=1` (the tests share the
//! driver's port 4444, so one at a time). Build the app first: `cargo build -p svodka-desktop`.

use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

const EN: &str = include_str!("../../samples/en-article.txt");
const RU: &str = include_str!("../../samples/ru-article.txt");

fn repo() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .canonicalize()
        .unwrap()
}

/// tauri-driver in a process group of its own, which is killed when the test ends: tauri-driver
/// does not stop the WebKitWebDriver it started, and a leftover one keeps its port. `home` holds
/// the app's library and exports for this test only.
struct Driver {
    child: Child,
    home: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.wait();
    }
}

/// The app on the fixture models.
async fn start() -> (Driver, Client) {
    start_with(&repo().join("models/fixtures")).await
}

/// The app with `models` as its model folder.
async fn start_with(models: &std::path::Path) -> (Driver, Client) {
    let app = repo().join("target/debug/svodka-desktop");
    assert!(
        app.is_file(),
        "{} is missing: run `cargo build -p svodka-desktop` first",
        app.display()
    );
    let home = tempfile::tempdir().unwrap();
    let driver = Command::new("tauri-driver")
        .env("SVODKA_MODELS", models)
        .env("SVODKA_LIBRARY", home.path().join("library.sqlite3"))
        .env("SVODKA_EXPORT_DIR", home.path().join("exports"))
        // Installs go to a closed loopback port: the offline path, never the real Hub.
        .env("HF_ENDPOINT", "http://127.0.0.1:9")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("tauri-driver on PATH (cargo install tauri-driver --locked)");
    let driver = Driver {
        child: driver,
        home,
    };
    let mut caps = serde_json::Map::new();
    caps.insert(
        "tauri:options".into(),
        json!({ "application": app.to_str().unwrap() }),
    );
    let started = Instant::now();
    loop {
        match ClientBuilder::rustls()
            .expect("rustls client")
            .capabilities(caps.clone())
            .connect("http://127.0.0.1:4444")
            .await
        {
            Ok(client) => return (driver, client),
            Err(e) if started.elapsed() < Duration::from_secs(30) => {
                let _ = e;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => panic!("could not start a session with tauri-driver: {e}"),
        }
    }
}

async fn js(client: &Client, script: &str, args: Vec<Value>) -> Value {
    client.execute(script, args).await.expect(script)
}

/// Puts text into the article box as a paste would (the input event included).
async fn paste(client: &Client, text: &str) {
    js(
        client,
        "const t = document.getElementById('article-input');
         t.value = arguments[0];
         t.dispatchEvent(new Event('input', { bubbles: true }));",
        vec![json!(text)],
    )
    .await;
}

/// Records whether the progress box was ever shown, from before the click on.
async fn watch_progress(client: &Client) {
    js(
        client,
        "window.__sawProgress = false;
         const box = document.getElementById('progress-box');
         new MutationObserver(() => { if (!box.hidden) window.__sawProgress = true; })
           .observe(box, { attributes: true });",
        vec![],
    )
    .await;
}

async fn wait_for(client: &Client, what: &str, script: &str, timeout: Duration) -> Value {
    let started = Instant::now();
    loop {
        let v = js(client, script, vec![]).await;
        if v != Value::Null && v != Value::Bool(false) {
            return v;
        }
        assert!(started.elapsed() < timeout, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn click(client: &Client, id: &str) {
    client
        .find(Locator::Id(id))
        .await
        .expect(id)
        .click()
        .await
        .expect(id);
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run by make test under Xvfb"]
async fn sample_article_gives_aligned_summaries_with_entities() {
    let (_driver, client) = start().await;
    paste(&client, EN).await;
    watch_progress(&client).await;
    click(&client, "analyze").await;
    let counts = wait_for(
        &client,
        "both summary columns",
        "const en = document.querySelectorAll('#summary-en .sentence').length;
         const ru = document.querySelectorAll('#summary-ru .sentence').length;
         return en > 0 && ru > 0 && document.getElementById('progress-box').hidden ? [en, ru] : null;",
        Duration::from_secs(120),
    )
    .await;
    assert_eq!(counts[0], counts[1], "sentence-aligned columns: {counts}");
    assert_eq!(
        js(&client, "return window.__sawProgress", vec![]).await,
        json!(true)
    );
    let marked = js(
        &client,
        "return [...document.querySelectorAll('#article-view mark.entity')].map(m => [m.dataset.kind, m.textContent]);",
        vec![],
    )
    .await;
    let marked = marked.as_array().unwrap();
    assert!(!marked.is_empty(), "entities are marked in the article");
    // Marks are slices of the article: the engine's char spans and the UI's indices agree.
    let article = js(
        &client,
        "return document.getElementById('article-view').textContent",
        vec![],
    )
    .await;
    for m in marked {
        assert!(
            article.as_str().unwrap().contains(m[1].as_str().unwrap()),
            "{m}"
        );
    }
    let entities = js(
        &client,
        "return document.querySelectorAll('#entity-list li').length",
        vec![],
    )
    .await;
    assert!(entities.as_u64().unwrap() > 0);
    // Hovering a sentence pairs it with its counterpart.
    js(
        &client,
        "document.querySelector('#summary-en .sentence').dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));",
        vec![],
    )
    .await;
    let paired = js(
        &client,
        "return document.querySelectorAll('.sentence.paired').length",
        vec![],
    )
    .await;
    assert_eq!(paired, json!(2));
    js(
        &client,
        "document.querySelector('#summary-en').dispatchEvent(new MouseEvent('mouseleave'))",
        vec![],
    )
    .await;
    let timings = js(
        &client,
        "return document.getElementById('timings').textContent",
        vec![],
    )
    .await;
    assert!(timings.as_str().unwrap().contains("words/s"), "{timings}");

    screenshot(&client, "fixture-models.png").await;
    client.close().await.unwrap();
}

/// Saves what the window shows into docs/screenshots/ (the README shows them).
async fn screenshot(client: &Client, name: &str) {
    // WebKit paints a moment after the DOM changes.
    tokio::time::sleep(Duration::from_millis(700)).await;
    let png = client.screenshot().await.expect("screenshot");
    let out = repo().join("docs/screenshots");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join(name), png).unwrap();
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run by make test under Xvfb"]
async fn with_no_models_a_russian_article_gets_key_sentences_and_slovnet_entities() {
    let (_driver, client) = start_with(std::path::Path::new("/nonexistent/svodka-models")).await;
    wait_for(
        &client,
        "the model list",
        "return document.getElementById('models-open').textContent.includes('1 of 5')",
        Duration::from_secs(30),
    )
    .await;
    paste(&client, RU).await;
    click(&client, "analyze").await;
    let sentences = wait_for(
        &client,
        "the Russian summary",
        "const s = [...document.querySelectorAll('#summary-ru .sentence')].map(e => e.textContent);
         return s.length > 0 ? s : null;",
        Duration::from_secs(60),
    )
    .await;
    // Key sentences: real sentences of the article.
    for s in sentences.as_array().unwrap() {
        assert!(RU.contains(s.as_str().unwrap().trim()), "{s}");
    }
    // The English column says what it needs instead of staying blank, and so does a banner.
    let en = js(
        &client,
        "return document.getElementById('summary-en').textContent",
        vec![],
    )
    .await;
    assert!(en.as_str().unwrap().contains("opus-mt-ru-en"), "{en}");
    let banner = js(
        &client,
        "return document.getElementById('banner').textContent",
        vec![],
    )
    .await;
    assert!(
        banner.as_str().unwrap().contains("opus-mt-ru-en"),
        "{banner}"
    );
    let people = js(
        &client,
        "return [...document.querySelectorAll('#article-view mark.kind-PER')].map(m => m.textContent)",
        vec![],
    )
    .await;
    assert!(
        people
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "Максим Ликсутов"),
        "{people}"
    );
    let in_summary = js(
        &client,
        "return document.querySelectorAll('#summary-ru mark.entity').length",
        vec![],
    )
    .await;
    assert!(in_summary.as_u64().unwrap() > 0);
    // Picking an entity in the list flashes its first mention in the article.
    js(
        &client,
        "document.querySelector('#entity-list button').click()",
        vec![],
    )
    .await;
    let flashed = js(
        &client,
        "return document.querySelectorAll('#article-view mark.flash').length",
        vec![],
    )
    .await;
    assert_eq!(flashed, json!(1));
    // Hiding a type removes its highlight and its list entries.
    js(
        &client,
        "document.querySelector('#legend input[data-kind=\"ORG\"]').click()",
        vec![],
    )
    .await;
    let hidden = js(
        &client,
        "return document.body.classList.contains('hide-ORG')",
        vec![],
    )
    .await;
    assert_eq!(hidden, json!(true));
    js(
        &client,
        "document.querySelector('#legend input[data-kind=\"ORG\"]').click()",
        vec![],
    )
    .await;
    screenshot(&client, "zero-download-russian.png").await;

    // The banner offers to install the missing translator; with the Hub unreachable, the
    // attempt ends in a banner that says so, and the Models panel lists every model.
    js(
        &client,
        "[...document.querySelectorAll('#banner .banner-action')]
           .find(b => b.textContent === 'Install opus-mt-ru-en').click()",
        vec![],
    )
    .await;
    let offline = wait_for(
        &client,
        "the offline banner",
        "const t = document.getElementById('banner').textContent;
         return t.includes('Could not install opus-mt-ru-en') ? t : null;",
        Duration::from_secs(30),
    )
    .await;
    assert!(
        offline.as_str().unwrap().contains("cannot reach the Hub"),
        "{offline}"
    );
    let rows = js(
        &client,
        "return [document.getElementById('models-dialog').open,
                 document.querySelectorAll('#models-list li').length,
                 [...document.querySelectorAll('#models-list button')].filter(b => b.textContent.startsWith('Install')).length]",
        vec![],
    )
    .await;
    assert_eq!(rows, json!([true, 5, 4]));
    screenshot(&client, "models-panel.png").await;
    client.close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run by make test under Xvfb"]
async fn escape_cancels_a_long_analysis() {
    let (_driver, client) = start().await;
    paste(&client, &RU.repeat(8)).await;
    click(&client, "analyze").await;
    wait_for(
        &client,
        "the Cancel button",
        "return !document.getElementById('cancel').hidden",
        Duration::from_secs(30),
    )
    .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    client
        .find(Locator::Css("body"))
        .await
        .unwrap()
        .send_keys("\u{e00c}") // WebDriver's Escape key
        .await
        .unwrap();
    let banner = wait_for(
        &client,
        "the cancelled banner",
        "const b = document.getElementById('banner');
         return !b.hidden && b.textContent.includes('cancelled') ? b.textContent : null;",
        Duration::from_secs(60),
    )
    .await;
    assert!(banner.as_str().unwrap().contains("Analysis cancelled"));
    let state = js(
        &client,
        "return [document.getElementById('analyze').disabled, document.getElementById('cancel').hidden,
                 document.getElementById('progress-box').hidden]",
        vec![],
    )
    .await;
    assert_eq!(state, json!([false, true, true]));
    client.close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run by make test under Xvfb"]
async fn markup_in_an_article_is_shown_as_text_and_never_runs() {
    let (_driver, client) = start().await;
    let hostile = format!(
        "{EN}\nThe page also said <img src=x onerror=\"window.__pwned = 1\"> and \
         <script>window.__pwned = 2</script> in plain sight."
    );
    paste(&client, &hostile).await;
    click(&client, "analyze").await;
    wait_for(
        &client,
        "the analysis",
        "return document.querySelectorAll('#summary-en .sentence').length > 0",
        Duration::from_secs(120),
    )
    .await;
    let shown = js(
        &client,
        "return document.getElementById('article-view').textContent",
        vec![],
    )
    .await;
    let shown = shown.as_str().unwrap();
    assert!(
        shown.contains("<img src=x onerror=\"window.__pwned = 1\">"),
        "{shown}"
    );
    assert!(
        shown.contains("<script>window.__pwned = 2</script>"),
        "{shown}"
    );
    let state = js(
        &client,
        "return [window.__pwned === undefined, document.querySelectorAll('img').length,
                 document.querySelectorAll('#article-view script, #summary-en script, #summary-ru script').length]",
        vec![],
    )
    .await;
    assert_eq!(state, json!([true, 0, 0]));
    client.close().await.unwrap();
}

/// Presses Ctrl + `key` in the window, as the reader would.
async fn ctrl(client: &Client, key: char) {
    client
        .find(Locator::Css("body"))
        .await
        .unwrap()
        // WebDriver's Control key, the letter, then the "release all" key.
        .send_keys(&format!("\u{e009}{key}\u{e000}"))
        .await
        .unwrap();
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run by make test under Xvfb"]
async fn save_search_by_an_inflected_name_open_export_delete_and_undo() {
    let (driver, client) = start_with(std::path::Path::new("/nonexistent/svodka-models")).await;
    paste(&client, RU).await;
    click(&client, "analyze").await;
    wait_for(
        &client,
        "the Russian key sentences",
        "return document.querySelectorAll('#summary-ru .sentence').length > 0",
        Duration::from_secs(60),
    )
    .await;

    // Ctrl+S opens the save dialog; a title and tags are typed and saved.
    ctrl(&client, 's').await;
    wait_for(
        &client,
        "the save dialog",
        "return document.getElementById('save-dialog').open",
        Duration::from_secs(5),
    )
    .await;
    let name = client.find(Locator::Id("save-name")).await.unwrap();
    name.send_keys("Транспорт Москвы").await.unwrap();
    let tags = client.find(Locator::Id("save-tags")).await.unwrap();
    tags.send_keys("транспорт, город").await.unwrap();
    click(&client, "save-confirm").await;
    let saved = wait_for(
        &client,
        "the saved toast",
        "const t = document.getElementById('toast-text').textContent;
         return t.startsWith('Saved') ? t : null;",
        Duration::from_secs(10),
    )
    .await;
    assert_eq!(saved, json!("Saved to the library as “Транспорт Москвы”."));

    // Clear the view, then find the analysis again by a name in another case: the article says
    // "Собянин", the query is the dative "Собянину".
    click(&client, "edit").await;
    paste(&client, "").await;
    ctrl(&client, 'o').await;
    wait_for(
        &client,
        "the library panel",
        "return document.getElementById('library-dialog').open",
        Duration::from_secs(5),
    )
    .await;
    let search = client.find(Locator::Id("library-search")).await.unwrap();
    search.send_keys("Собянину").await.unwrap();
    let hit = wait_for(
        &client,
        "a hit for Собянину",
        "const hits = document.querySelectorAll('#library-list li.hit');
         const word = document.querySelector('#library-list mark.hit-word');
         return hits.length === 1 && word ? [hits[0].querySelector('strong').textContent, word.textContent] : null;",
        Duration::from_secs(10),
    )
    .await;
    assert_eq!(hit[0], json!("Транспорт Москвы"));
    assert!(hit[1].as_str().unwrap().starts_with("Собянин"), "{hit}");
    // The tag and name filters offer what was saved.
    let filters = js(
        &client,
        "return [[...document.querySelectorAll('#library-tag option')].map(o => o.value),
                 [...document.querySelectorAll('#library-entity option')].some(o => o.value.startsWith('PER:'))]",
        vec![],
    )
    .await;
    assert_eq!(filters, json!([["", "город", "транспорт"], true]));
    screenshot(&client, "library-panel.png").await;

    // Export as HTML into the exports folder.
    client
        .find(Locator::Css("#library-list li.hit button.export"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let exported = wait_for(
        &client,
        "the export toast",
        "const t = document.getElementById('toast-text').textContent;
         return t.startsWith('Exported') ? t : null;",
        Duration::from_secs(10),
    )
    .await;
    let file = driver.home.path().join("exports/транспорт-москвы.html");
    assert!(
        exported
            .as_str()
            .unwrap()
            .ends_with(&format!("to {}", file.display())),
        "{exported}"
    );
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.contains("<mark class=\"PER\""), "{html}");

    // Open it into the side-by-side view.
    client
        .find(Locator::Css("#library-list li.hit button.open"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let shown = wait_for(
        &client,
        "the opened analysis",
        "return !document.getElementById('library-dialog').open
             && document.querySelectorAll('#summary-ru .sentence').length > 0
             && document.querySelectorAll('#article-view mark.entity').length > 0
             ? document.getElementById('article-view').textContent.slice(0, 30) : null",
        Duration::from_secs(10),
    )
    .await;
    assert!(
        shown.as_str().unwrap().starts_with("Правительство Москвы"),
        "{shown}"
    );

    // Delete from the panel, then undo from the toast.
    ctrl(&client, 'o').await;
    wait_for(
        &client,
        "the hit again",
        "return document.getElementById('library-list').getAttribute('aria-busy') === 'false'
             && document.querySelectorAll('#library-list li.hit').length === 1",
        Duration::from_secs(10),
    )
    .await;
    client
        .find(Locator::Css("#library-list li.hit button.delete"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(
        &client,
        "the undo toast",
        "return document.querySelectorAll('#library-list li.hit').length === 0
             && !document.getElementById('toast-undo').hidden",
        Duration::from_secs(10),
    )
    .await;
    click(&client, "toast-undo").await;
    wait_for(
        &client,
        "the restored hit",
        "return document.querySelectorAll('#library-list li.hit').length === 1",
        Duration::from_secs(10),
    )
    .await;
    client.close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs a display, tauri-driver and WebKitWebDriver: run by make test under Xvfb"]
async fn compare_versions_pick_a_sentence_and_use_it() {
    let (_driver, client) = start().await;
    paste(&client, EN).await;
    click(&client, "analyze").await;
    wait_for(
        &client,
        "the analysis",
        "return !document.getElementById('compare-open').disabled",
        Duration::from_secs(120),
    )
    .await;
    let before = js(
        &client,
        "return document.getElementById('summary-ru').textContent",
        vec![],
    )
    .await;
    click(&client, "compare-open").await;
    let versions = wait_for(
        &client,
        "the comparison",
        "const d = document.getElementById('compare-dialog');
         return d.open ? [...d.querySelectorAll('.version')].map(v => v.dataset.key) : null;",
        Duration::from_secs(120),
    )
    .await;
    assert_eq!(
        versions,
        json!([
            "own",
            "key-sentences:opus-mt-en-ru",
            "translated-article-key-sentences:opus-mt-en-ru"
        ])
    );
    // Every sentence carries a score mark with its back-translation in the tooltip.
    let marks = js(
        &client,
        "const b = [...document.querySelectorAll('#compare-versions .confidence')];
         return [b.length > 0, b.every(x => /^conf-(high|medium|low)$/.test(x.classList[1])),
                 b.every(x => x.title.includes('Back-translation: '))]",
        vec![],
    )
    .await;
    assert_eq!(marks, json!([true, true, true]));
    // Word differences on request.
    click(&client, "compare-diff").await;
    let diff = js(
        &client,
        "return document.querySelectorAll('#compare-versions .diff').length",
        vec![],
    )
    .await;
    assert_eq!(diff, json!(2));
    screenshot(&client, "compare-versions.png").await;
    click(&client, "compare-diff").await;

    // Take the key-sentences version's first sentence for its place, and use the result.
    let picked = js(
        &client,
        "const s = document.querySelector('.version[data-key^=\"key-sentences\"] .version-sentence');
         s.querySelector('button.use').click();
         return s.querySelector('.text').textContent;",
        vec![],
    )
    .await;
    click(&client, "compare-apply").await;
    let after = wait_for(
        &client,
        "the updated summary",
        "const d = document.getElementById('compare-dialog');
         const t = document.getElementById('summary-ru').textContent;
         return !d.open && document.getElementById('toast-text').textContent.startsWith('Summary updated') ? t : null;",
        Duration::from_secs(60),
    )
    .await;
    assert_ne!(after, before);
    assert!(
        after.as_str().unwrap().contains(picked.as_str().unwrap()),
        "{after} lacks {picked}"
    );
    client.close().await.unwrap();
}
