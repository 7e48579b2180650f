//! `svodka analyze --save` and `svodka library …` as a user runs them, with no models installed:
//! the Russian article gets key sentences and slovnet's entities, is saved, found by an inflected
//! query, exported, imported elsewhere, deleted and restored.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const ARTICLE: &str = "Президент России Владимир Путин в четверг провёл совещание с членами \
правительства в Кремле. Путин поручил кабинету министров подготовить меры поддержки \
экспортёров до конца года. По словам министра финансов Антона Силуанова, бюджет выдержит \
дополнительные расходы. В «Газпроме» заявили, что рассчитывают на новые контракты в Азии. \
Аналитики Сбербанка ожидают, что меры поддержат рубль в первом квартале.";

fn svodka(library: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_svodka"))
        .args(args)
        .env("SVODKA_MODELS", "/nonexistent/svodka-models")
        .env("SVODKA_LIBRARY", library)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn save_search_inflected_export_import_delete_restore() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("library.sqlite3");
    let saved = svodka(
        &lib,
        &[
            "analyze",
            "-",
            "--save",
            "--title",
            "Совещание в Кремле",
            "--tags",
            "politics,economy",
        ],
        Some(ARTICLE),
    );
    ok(&saved);
    assert!(String::from_utf8_lossy(&saved.stderr).contains("saved as #1"));

    // The Russian summary says "Путин"; the query is in the instrumental case.
    let found = ok(&svodka(&lib, &["library", "search", "Путиным"], None));
    assert!(
        found.contains("#1") && found.contains("Совещание в Кремле"),
        "{found}"
    );
    let hits: serde_json::Value = serde_json::from_str(&ok(&svodka(
        &lib,
        &["library", "search", "Путиным", "--json"],
        None,
    )))
    .unwrap();
    let marks = hits[0]["snippet"]["marks"].as_array().unwrap();
    assert!(!marks.is_empty(), "{hits}");
    // slovnet tagged the people; the filter takes any inflection of the name.
    let by_person = ok(&svodka(
        &lib,
        &["library", "list", "--entity", "PER:Путина"],
        None,
    ));
    assert!(by_person.contains("Совещание в Кремле"), "{by_person}");
    let none = svodka(&lib, &["library", "search", "электробусы"], None);
    assert!(ok(&none).is_empty());
    assert!(String::from_utf8_lossy(&none.stderr).contains("nothing found"));

    let shown = ok(&svodka(&lib, &["library", "show", "1"], None));
    assert!(
        shown.contains("Совещание в Кремле") && shown.contains("politics"),
        "{shown}"
    );

    let html_file = dir.path().join("brief.html");
    ok(&svodka(
        &lib,
        &[
            "library",
            "export",
            "1",
            "--format",
            "html",
            "-o",
            html_file.to_str().unwrap(),
        ],
        None,
    ));
    let html = std::fs::read_to_string(&html_file).unwrap();
    assert!(
        html.contains("<mark class=\"PER\" title=\"person\">Владимир Путин</mark>"),
        "{html}"
    );
    let md = ok(&svodka(
        &lib,
        &["library", "export", "1", "--format", "md"],
        None,
    ));
    assert!(md.starts_with("# Совещание в Кремле\n"), "{md}");

    let json = ok(&svodka(
        &lib,
        &["library", "export", "1", "--format", "json"],
        None,
    ));
    let other = dir.path().join("other.sqlite3");
    let imported = ok(&svodka(&other, &["library", "import", "-"], Some(&json)));
    assert!(imported.starts_with("imported 1 analysis"), "{imported}");
    assert_eq!(
        ok(&svodka(
            &other,
            &["library", "export", "1", "--format", "json"],
            None
        )),
        json
    );

    let deleted = ok(&svodka(&lib, &["library", "delete", "1"], None));
    assert!(deleted.contains("svodka library restore 1"), "{deleted}");
    assert!(ok(&svodka(&lib, &["library", "search", "Путиным"], None)).is_empty());
    assert!(ok(&svodka(&lib, &["library", "list", "--deleted"], None)).contains("#1"));
    ok(&svodka(&lib, &["library", "restore", "1"], None));
    assert!(ok(&svodka(&lib, &["library", "search", "Путиным"], None)).contains("#1"));
}

#[test]
fn library_errors_are_one_line_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("library.sqlite3");
    let cases: [(&[&str], Option<&str>, &str); 4] = [
        (
            &["library", "show", "7"],
            None,
            "no saved analysis with id 7",
        ),
        (
            &["library", "import", "-"],
            Some("{\"format\": \"x\"}"),
            "not a svodka export",
        ),
        (
            &["library", "import", "-"],
            Some("not json"),
            "the file is not JSON",
        ),
        (
            &["library", "delete", "3"],
            None,
            "no saved analysis with id 3",
        ),
    ];
    for (args, stdin, expected) in cases {
        let o = svodka(&lib, args, stdin);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    let bad_entity = svodka(&lib, &["library", "list", "--entity", "Газпром"], None);
    assert_eq!(bad_entity.status.code(), Some(2));
}

#[test]
fn text_from_an_imported_bundle_cannot_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("library.sqlite3");
    ok(&svodka(&lib, &["analyze", "-", "--save"], Some(ARTICLE)));
    let bundle = ok(&svodka(
        &lib,
        &["library", "export", "1", "--format", "json"],
        None,
    ));
    let mut value: serde_json::Value = serde_json::from_str(&bundle).unwrap();
    let entry = &mut value["entries"][0];
    entry["title"] = "Путин \u{1b}]0;owned\u{7}\u{1b}[2J\rtitle".into();
    entry["note"] = "line one\n\u{1b}[31mred\u{1b}[0m\u{202E}".into();
    entry["tags"] = serde_json::json!(["tag\u{1b}[5m"]);
    let other = dir.path().join("other.sqlite3");
    let imported = svodka(
        &other,
        &["library", "import", "-"],
        Some(&value.to_string()),
    );
    let printed = [
        String::from_utf8_lossy(&imported.stdout).into_owned(),
        ok(&svodka(&other, &["library", "list"], None)),
        ok(&svodka(&other, &["library", "search", "Путиным"], None)),
        ok(&svodka(&other, &["library", "show", "1"], None)),
    ];
    for out in &printed {
        assert!(
            !out.chars().any(|c| c.is_control() && c != '\n'),
            "control characters printed: {out:?}"
        );
        assert!(!out.contains('\u{202E}'), "{out:?}");
    }
    assert!(
        printed[3].contains("line one\n"),
        "a note keeps its lines: {}",
        printed[3]
    );
}
