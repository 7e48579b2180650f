//! The `svodka` binary as a user runs it: exit codes, messages, and JSON output.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn svodka(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_svodka"))
        .args(args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .env("SVODKA_MODELS", "/nonexistent/svodka-models")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(bytes) = stdin {
        input.write_all(bytes).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Arguments, standard input, and the message expected on stderr.
type Case<'a> = (&'a [&'a str], Option<&'a [u8]>, &'a str);

#[test]
fn bad_inputs_exit_2_with_one_line() {
    let cases: [Case; 5] = [
        (&["analyze", "-"], Some(b""), "the input is empty"),
        (&["analyze", "-"], Some(b" \n\t \n"), "the input is empty"),
        (
            &["analyze", "samples/fr-article.txt"],
            None,
            "unsupported language: French",
        ),
        (
            &["analyze", "-"],
            Some(b"\x7fELF\x02\x01\x01\x00\x00\x00binary"),
            "does not look like text",
        ),
        (
            &["analyze", "no-such-file.txt"],
            None,
            "cannot read no-such-file.txt",
        ),
    ];
    for (args, input, want) in cases {
        let out = svodka(args, input);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains(want), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "one line please: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn with_no_models_it_still_summarises_and_says_what_to_install() {
    let out = svodka(&["analyze", "samples/en-article.txt"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let view = String::from_utf8(out.stdout).unwrap();
    assert!(
        view.contains("route: key sentences of the article"),
        "{view}"
    );
    assert!(
        view.contains("Port authorities in Rotterdam said on Tuesday"),
        "{view}"
    );
    assert!(view.contains("needs the English→Russian"), "{view}");
    assert!(
        view.contains(
            "opus-mt-en-ru for Russian summaries of English articles: install it with `svodka models install opus-mt-en-ru`"
        ),
        "{view}"
    );
    assert!(
        view.contains("huggingface.co/sshleifer/distilbart-cnn-12-6"),
        "{view}"
    );
    let out = svodka(&["models", "list", "--check"], None);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stdout).contains("missing    opus-mt-en-ru"));
}

#[test]
fn a_broken_model_exits_3() {
    let root = std::env::temp_dir().join(format!("svodka-cli-broken-{}", std::process::id()));
    let dir = root.join("distilbart-cnn-12-6");
    std::fs::create_dir_all(&dir).unwrap();
    for f in ["vocab.json", "merges.txt", "model.safetensors"] {
        std::fs::write(dir.join(f), b"").unwrap();
    }
    std::fs::write(dir.join("config.json"), b"not json").unwrap();
    let out = svodka(
        &[
            "analyze",
            "samples/en-article.txt",
            "--models",
            root.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("distilbart-cnn-12-6"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_dir_all(&root).unwrap();
}

#[test]
fn json_output_on_fixture_models() {
    let out = svodka(
        &[
            "analyze",
            "samples/en-article.txt",
            "--models",
            "models/fixtures",
            "--json",
            "--length",
            "short",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let a: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(a["route"], "en-summarise-translate");
    let en = a["summaries"]["en"]["sentences"].as_array().unwrap();
    let ru = a["summaries"]["ru"]["sentences"].as_array().unwrap();
    assert!(!en.is_empty() && en.len() == ru.len());
    assert!(!a["summaries"]["ru"]["text"].as_str().unwrap().is_empty());
    assert_eq!(a["article"]["entities"]["status"], "tagged");
    assert!(a["timings"].as_array().unwrap().len() >= 5);
}

#[test]
fn side_by_side_view_on_a_russian_article_from_stdin() {
    let text = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/ru-article.txt"
    ))
    .unwrap();
    let out = svodka(
        &[
            "analyze",
            "--models",
            "models/fixtures",
            "--length",
            "short",
        ],
        Some(&text),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let view = String::from_utf8(out.stdout).unwrap();
    assert!(
        view.contains("English summary") && view.contains("Русское резюме"),
        "{view}"
    );
    assert!(view.contains("translate the article to English"), "{view}");
    assert!(view.contains("Москвы [LOC]"), "{view}");
}

#[test]
fn russian_article_with_no_models_gets_key_sentences_and_slovnet_entities() {
    let out = svodka(&["analyze", "samples/ru-article.txt"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let view = String::from_utf8(out.stdout).unwrap();
    assert!(
        view.contains("route: key sentences of the article"),
        "{view}"
    );
    assert!(
        view.contains("Правительство Москвы в среду утвердило"),
        "{view}"
    );
    assert!(
        view.contains("needs the Russian→English translator"),
        "{view}"
    );
    assert!(view.contains("Максим Ликсутов [PER]"), "{view}");
    assert!(view.contains("Models: slovnet_ner_news_v1"), "{view}");
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn a_batch_of_json_lines_writes_one_result_per_article_and_names_the_bad_ones() {
    let read = |f: &str| {
        std::fs::read_to_string(
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/").to_owned() + f,
        )
        .unwrap()
    };
    let good = |id: serde_json::Value, text: String| {
        serde_json::json!({"id": id, "text": text}).to_string()
    };
    let input = [
        good("en-1".into(), read("en-article.txt")),
        r#"{"id": "no-text"}"#.to_string(),
        "this is not json".to_string(),
        good(2.into(), read("ru-article.txt")),
    ]
    .join("\n");
    let args = [
        "analyze",
        "--jsonl",
        "--models",
        "models/fixtures",
        "--length",
        "short",
    ];
    let out = svodka(&args, Some(input.as_bytes()));
    assert_eq!(out.status.code(), Some(5), "some failed: {}", stderr(&out));
    let results = lines(&out);
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["id"], "en-1");
    assert_eq!(results[0]["analysis"]["route"], "en-summarise-translate");
    assert_eq!(results[1]["id"], 2);
    assert_eq!(results[1]["analysis"]["source_language"], "ru");
    let err = stderr(&out);
    assert!(err.contains("\"no-text\" skipped: no \"text\""), "{err}");
    assert!(err.contains("\"line 3\" skipped: not JSON"), "{err}");
    assert!(err.contains("2 analysed, 2 failed"), "{err}");

    // Resume: the ids already written are skipped, only the new article runs.
    let dir = tempfile::tempdir().unwrap();
    let done = dir.path().join("out.jsonl");
    std::fs::write(&done, &out.stdout).unwrap();
    let more = format!("{input}\n{}", good("en-3".into(), read("en-article.txt")));
    let mut resumed = args.to_vec();
    resumed.extend(["--skip-done", done.to_str().unwrap()]);
    let out = svodka(&resumed, Some(more.as_bytes()));
    let results = lines(&out);
    assert_eq!(results.len(), 1, "{}", stderr(&out));
    assert_eq!(results[0]["id"], "en-3");
    assert!(stderr(&out).contains("1 analysed, 2 failed, 2 already done"));
}

#[test]
fn several_files_are_a_batch_with_the_file_as_id() {
    let out = svodka(
        &[
            "analyze",
            "samples/en-article.txt",
            "no-such-file.txt",
            "--models",
            "/nonexistent/svodka-models",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    let results = lines(&out);
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["id"], "samples/en-article.txt");
    assert_eq!(results[0]["analysis"]["route"], "extractive");
    assert!(stderr(&out).contains("\"no-such-file.txt\" skipped: cannot read it"));
}
