mod common;

use std::path::PathBuf;

use svodka_analysis::EntityKind;
use svodka_library::{
    schema, EntityFilter, EntryMeta, ExportFormat, Library, LibraryError, NewEntry, Query,
};

fn temp_lib() -> (tempfile::TempDir, PathBuf, Library) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib").join("library.sqlite3");
    let lib = Library::open(&path).unwrap();
    (dir, path, lib)
}

fn meta(title: &str, tags: &[&str]) -> EntryMeta {
    EntryMeta {
        title: title.into(),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        note: String::new(),
    }
}

fn titles(lib: &Library, q: Query) -> Vec<String> {
    lib.search(&q)
        .unwrap()
        .into_iter()
        .map(|h| h.title)
        .collect()
}

fn text(t: &str) -> Query {
    Query {
        text: t.into(),
        ..Query::default()
    }
}

#[test]
fn a_new_library_is_at_the_current_schema_and_reopens() {
    let (_dir, path, lib) = temp_lib();
    drop(lib);
    let conn = Library::open_raw(&path).unwrap();
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, schema::VERSION);
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    drop(conn);
    let lib = Library::open(&path).unwrap();
    assert_eq!(lib.count().unwrap(), 0);
}

#[test]
fn a_schema_1_library_is_migrated_and_its_entries_become_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    let mut conn = Library::open_raw(&path).unwrap();
    schema::migrate_to(&mut conn, "old", 1).unwrap();
    // What the first schema's svodka wrote: the entry and its tags, no search index.
    let json = serde_json::to_string(&common::gazprom()).unwrap();
    conn.execute(
        "INSERT INTO entries(uid, title, note, source_language, created_ms, updated_ms, analysis)
         VALUES ('u-1', 'Gas halt', '', 'en', 1000, 1000, ?1)",
        [json],
    )
    .unwrap();
    conn.execute("INSERT INTO tags(entry_id, tag) VALUES (1, 'energy')", [])
        .unwrap();
    drop(conn);

    let lib = Library::open(&path).unwrap();
    assert_eq!(titles(&lib, text("Путиным")), ["Gas halt"]);
    let by_org = Query {
        entity: Some(EntityFilter {
            kind: EntityKind::Organisation,
            name: "Газпрома".into(),
        }),
        tag: Some("Energy".into()),
        ..Query::default()
    };
    assert_eq!(titles(&lib, by_org), ["Gas halt"]);
    assert_eq!(lib.get(1).unwrap().tags, ["energy"]);
}

#[test]
fn a_library_from_a_newer_svodka_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite3");
    let conn = Library::open_raw(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    match Library::open(&path) {
        Err(e @ LibraryError::NewerSchema { found: 99, .. }) => {
            assert!(e.to_string().contains("update svodka"), "{e}")
        }
        other => panic!("expected NewerSchema, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn search_finds_inflected_forms_in_both_languages() {
    let (_dir, _path, mut lib) = temp_lib();
    lib.save(NewEntry::new(
        meta("Gas halt", &["energy"]),
        common::gazprom(),
    ))
    .unwrap();
    lib.save(NewEntry::new(
        meta("Новая станция", &["city"]),
        common::metro(),
    ))
    .unwrap();

    // The Russian summary says "Путин", "Газпром", "Европу".
    for q in [
        "Путиным",
        "Путина ",
        "путин",
        "Газпрома",
        "Европе",
        "санкциями",
    ] {
        assert_eq!(titles(&lib, text(q)), ["Gas halt"], "query {q:?}");
    }
    // English inflection, and a word only in the article.
    for q in ["sanctioned", "exporting", "analyst", "prices "] {
        assert_eq!(titles(&lib, text(q)), ["Gas halt"], "query {q:?}");
    }
    // Search as you type: the last word is a prefix.
    assert_eq!(titles(&lib, text("Соб")), ["Новая станция"]);
    assert_eq!(titles(&lib, text("мосметр")), ["Новая станция"]);
    // Both words must match; ё and е are one letter.
    assert!(titles(&lib, text("Путин метро ")).is_empty());
    assert_eq!(titles(&lib, text("перевезет")), ["Новая станция"]);
    // Title words weigh more than body words.
    let hits = lib.search(&text("станция")).unwrap();
    assert_eq!(hits[0].title, "Новая станция");
    assert!(!hits[0].snippet.marks.is_empty());
    // No query: newest first, each with the start of its summary.
    let all = lib.search(&Query::default()).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(
        all[0].snippet.text,
        "Сергей Собянин открыл новую станцию метро Москвы."
    );
}

#[test]
fn search_input_is_never_read_as_fts_syntax() {
    let (_dir, _path, mut lib) = temp_lib();
    lib.save(NewEntry::new(meta("", &[]), common::gazprom()))
        .unwrap();
    for q in [
        "\"",
        "NEAR(",
        "*",
        "-gas",
        "AND",
        "gas OR",
        "title:gas",
        "^gas",
        "(",
        "{body}: x",
        "'",
        "",
        "   ",
        "—",
        "🙂",
    ] {
        lib.search(&text(q))
            .unwrap_or_else(|e| panic!("query {q:?}: {e}"));
    }
    assert_eq!(titles(&lib, text("-gas")).len(), 1);
}

#[test]
fn entity_and_tag_filters_and_facets() {
    let (_dir, _path, mut lib) = temp_lib();
    let gas = lib
        .save(NewEntry::new(
            meta("Gas halt", &["energy", "EU"]),
            common::gazprom(),
        ))
        .unwrap();
    lib.save(NewEntry::new(meta("Metro", &["city"]), common::metro()))
        .unwrap();
    let mentioning = |kind, name: &str| Query {
        entity: Some(EntityFilter {
            kind,
            name: name.into(),
        }),
        ..Query::default()
    };
    assert_eq!(
        titles(&lib, mentioning(EntityKind::Organisation, "Газпром")),
        ["Gas halt"]
    );
    assert_eq!(
        titles(&lib, mentioning(EntityKind::Organisation, "gazprom")),
        ["Gas halt"]
    );
    assert_eq!(
        titles(&lib, mentioning(EntityKind::Person, "Сергея Собянина")),
        ["Metro"]
    );
    assert!(titles(&lib, mentioning(EntityKind::Person, "Газпром")).is_empty());
    let tag = |t: &str| Query {
        tag: Some(t.into()),
        ..Query::default()
    };
    assert_eq!(titles(&lib, tag("eu")), ["Gas halt"]);

    let orgs = lib.entities(Some(EntityKind::Organisation), 10).unwrap();
    let names: Vec<&str> = orgs.iter().map(|f| f.name.as_str()).collect();
    assert!(
        names.contains(&"Gazprom") && names.contains(&"Газпром") && names.contains(&"Мосметро"),
        "{names:?}"
    );
    let tags = lib.tags().unwrap();
    assert_eq!(tags.len(), 3);

    // Deleted entries leave lists, search and facets, and come back on restore.
    lib.delete(&[gas]).unwrap();
    assert!(titles(&lib, text("Путин")).is_empty());
    assert_eq!(lib.tags().unwrap().len(), 1);
    let bin = Query {
        deleted: true,
        ..Query::default()
    };
    assert_eq!(titles(&lib, bin), ["Gas halt"]);
    lib.restore(&[gas]).unwrap();
    assert_eq!(titles(&lib, text("Путин")), ["Gas halt"]);
    // Purging removes only what is deleted.
    lib.delete(&[gas]).unwrap();
    assert_eq!(lib.purge_deleted_before(i64::MAX).unwrap(), 1);
    assert!(matches!(lib.get(gas), Err(LibraryError::NotFound(_))));
    assert_eq!(lib.count().unwrap(), 1);
    assert!(matches!(lib.delete(&[gas]), Err(LibraryError::NotFound(_))));
}

#[test]
fn titles_tags_and_notes_are_cleaned_and_checked() {
    let (_dir, _path, mut lib) = temp_lib();
    let id = lib
        .save(NewEntry::new(
            EntryMeta {
                title: "  ".into(),
                tags: vec![" energy ".into(), "Energy".into(), "".into()],
                note: " my note \n".into(),
            },
            common::gazprom(),
        ))
        .unwrap();
    let e = lib.get(id).unwrap();
    assert_eq!(e.title, "Gazprom stopped exporting gas to Europe.");
    assert_eq!(e.tags, ["energy"]);
    assert_eq!(e.note, "my note");
    let long = EntryMeta {
        title: "x".repeat(301),
        ..EntryMeta::default()
    };
    assert!(matches!(
        lib.save(NewEntry::new(long, common::gazprom())),
        Err(LibraryError::BadInput(_))
    ));
    lib.update(id, meta("Renamed", &["gas"]), None).unwrap();
    assert_eq!(titles(&lib, text("renamed")), ["Renamed"]);
    assert!(lib.get(id).unwrap().updated_ms >= e.updated_ms);
}

#[test]
fn export_then_import_gives_back_the_same_entries() {
    let (_dir, _path, mut lib) = temp_lib();
    let a = lib
        .save(NewEntry::new(
            meta("Gas halt", &["energy"]),
            common::gazprom(),
        ))
        .unwrap();
    let b = lib
        .save(NewEntry {
            meta: EntryMeta {
                note: "line one\nline two".into(),
                ..meta("Новая станция", &["city"])
            },
            ..NewEntry::new(EntryMeta::default(), common::metro())
        })
        .unwrap();
    let json = lib.export(&[a, b], ExportFormat::Json).unwrap();

    let (_dir2, _path2, mut other) = temp_lib();
    let report = other.import(&json).unwrap();
    assert_eq!(report.added.len(), 2);
    assert_eq!(
        other.export(&report.added, ExportFormat::Json).unwrap(),
        json
    );
    assert_eq!(
        other.get(report.added[1]).unwrap().analysis,
        common::metro()
    );
    // Importing again adds nothing.
    let again = other.import(&json).unwrap();
    assert_eq!((again.added.len(), again.already_present), (0, 2));
    // A bare Analysis (svodka analyze --json) is imported with a title from its summary.
    let single = serde_json::to_string(&common::metro()).unwrap();
    let r = other.import(&single).unwrap();
    assert_eq!(
        other.get(r.added[0]).unwrap().title,
        "Сергей Собянин открыл новую станцию метро Москвы."
    );
}

#[test]
fn markdown_and_html_exports_escape_the_article_and_mark_entities() {
    let (_dir, _path, mut lib) = temp_lib();
    let id = lib
        .save(NewEntry::new(
            meta("Gas <halt> #1", &["energy"]),
            common::gazprom(),
        ))
        .unwrap();
    let md = lib.export(&[id], ExportFormat::Markdown).unwrap();
    assert!(md.starts_with("# Gas \\<halt\\> \\#1\n"), "{md}");
    assert!(md.contains("\\<b\\>sharply\\</b\\>"));
    assert!(md.contains("- **person**: Vladimir Putin, Путин"), "{md}");
    assert!(md.contains("Путин обвинил санкции."));

    let html = lib.export(&[id], ExportFormat::Html).unwrap();
    assert!(html.contains("<title>Gas &lt;halt&gt; #1</title>"));
    assert!(html.contains("&lt;b&gt;sharply&lt;/b&gt; &amp; quickly"));
    assert!(!html.contains("<b>"));
    assert!(html.contains("<mark class=\"PER\" title=\"person\">Путин</mark> обвинил"));
    assert!(html.contains("<mark class=\"ORG\" title=\"organisation\">Gazprom</mark> halted"));
    assert!(html.contains("default-src 'none'"));
    assert!(!html.contains("<script"));
}

#[test]
fn malformed_imports_are_refused_with_a_reason_and_change_nothing() {
    let (_dir, _path, mut lib) = temp_lib();
    let id = lib
        .save(NewEntry::new(meta("Gas halt", &[]), common::gazprom()))
        .unwrap();
    let good = lib.export(&[id], ExportFormat::Json).unwrap();
    lib.delete(&[id]).unwrap();
    lib.purge_deleted_before(i64::MAX).unwrap();
    let mut second: serde_json::Value = serde_json::from_str(&good).unwrap();
    second["entries"][0]["uid"] = "other".into();
    let valid_then = |mutate: &dyn Fn(&mut serde_json::Value)| {
        // One good entry first: a bad second one must not let the first in.
        let mut v = serde_json::from_str::<serde_json::Value>(&good).unwrap();
        let mut bad = second["entries"][0].clone();
        mutate(&mut bad);
        v["entries"].as_array_mut().unwrap().push(bad);
        v.to_string()
    };
    let cases: Vec<(String, &str)> = vec![
        ("".into(), "not JSON"),
        ("{\"entries\": [".into(), "not JSON"),
        ("[1, 2]".into(), "not a svodka export"),
        ("{\"format\": \"other\"}".into(), "not a svodka export"),
        (
            good.replace("\"version\": 1", "\"version\": 7"),
            "version 7",
        ),
        (
            valid_then(&|e| {
                e.as_object_mut().unwrap().remove("analysis");
            }),
            "missing field `analysis`",
        ),
        (
            valid_then(&|e| e["created"] = "yesterday".into()),
            "not an RFC 3339 date",
        ),
        (
            valid_then(&|e| e["title"] = "x".repeat(400).into()),
            "title is too long",
        ),
        (
            valid_then(&|e| e["analysis"]["article"]["sentences"][0]["end"] = 100000.into()),
            "outside its",
        ),
        (
            valid_then(&|e| e["analysis"]["format_version"] = 9.into()),
            "format version 9",
        ),
        (
            valid_then(&|e| e["analysis"]["source_language"] = "de".into()),
            "damaged",
        ),
    ];
    for (text, expected) in cases {
        match lib.import(&text) {
            Err(LibraryError::BadImport(m)) => {
                assert!(m.contains(expected), "{expected:?} not in {m:?}")
            }
            other => panic!("{expected}: expected BadImport, got {other:?}"),
        }
        assert_eq!(lib.count().unwrap(), 0, "{expected}: the library changed");
    }
    assert_eq!(lib.import(&good).unwrap().added.len(), 1);
}

#[test]
fn ids_that_do_not_exist_are_reported() {
    let (_dir, _path, mut lib) = temp_lib();
    assert!(matches!(lib.get(42), Err(LibraryError::NotFound(42))));
    assert!(matches!(
        lib.export(&[42], ExportFormat::Json),
        Err(LibraryError::NotFound(42))
    ));
    assert!(matches!(
        lib.export(&[], ExportFormat::Json),
        Err(LibraryError::BadInput(_))
    ));
    assert!(matches!(
        lib.restore(&[42]),
        Err(LibraryError::NotFound(42))
    ));
}
