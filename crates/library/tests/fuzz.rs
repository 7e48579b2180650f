//! Property-based fuzzing (proptest; see crates/engine/tests/fuzz.rs for why) of what an
//! untrusted hand reaches in the library: search queries and the snippets cut around their hits,
//! entity filters, and import of damaged bundles. Each returns a value or a typed error — never a
//! panic — snippet marks lie inside their snippet, and a refused import changes nothing.

mod common;

use proptest::prelude::*;
use svodka_analysis::{EntityKind, Lang};
use svodka_library::{EntityFilter, EntryMeta, ExportFormat, Library, NewEntry, Query};

const WORDS: &[&str] = &[
    "Путин",
    "Путиным",
    "Газпром",
    "sanctions",
    "sanctioned",
    "Europe",
    "gas",
    "и",
    "the",
    "ООН",
    "\"",
    "*",
    "-",
    "NEAR(",
    "{title}:",
    "^",
    "(",
    ")",
    "AND",
    "OR",
    "NOT",
    "ё",
    "😀",
    "\u{0301}",
    "\u{200B}",
    "\n",
    " ",
    "   ",
    "a",
    "1",
    "2030",
    "<b>",
    "&amp;",
    "—",
];

fn phrase(max: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(prop::sample::select(WORDS), 0..max).prop_map(|w| w.join(" ")),
        prop::collection::vec(prop::sample::select(WORDS), 0..max).prop_map(|w| w.concat()),
        // A very long word shortly before a hit (the snippet that ended before it started).
        (1usize..400).prop_map(|n| format!("{} Путиным сказал", "ы".repeat(n))),
    ]
}

fn library_with(sentences: &[String]) -> (tempfile::TempDir, Library) {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(&dir.path().join("library.sqlite3")).unwrap();
    lib.save(NewEntry::new(
        EntryMeta {
            title: "Gas".into(),
            tags: vec!["energy".into()],
            note: String::new(),
        },
        common::gazprom(),
    ))
    .unwrap();
    let refs: Vec<&str> = sentences.iter().map(String::as_str).collect();
    let names = [
        (EntityKind::Person, "Путин"),
        (EntityKind::Organisation, "Газпром"),
    ];
    let doc = |lang| common::doc(lang, &refs, &names);
    let analysis = common::analysis(Lang::Ru, doc(Lang::Ru), doc(Lang::En), doc(Lang::Ru));
    if analysis.check().is_ok() {
        lib.save(NewEntry::new(
            EntryMeta {
                title: "Random".into(),
                tags: vec![],
                note: String::new(),
            },
            analysis,
        ))
        .unwrap();
    }
    (dir, lib)
}

proptest! {
    #[test]
    fn search_answers_any_query_with_snippets_inside_themselves(
        sentences in prop::collection::vec(phrase(30).prop_filter("a text", |s| s.trim().chars().count() > 1), 1..6),
        query in phrase(12),
        name in phrase(4),
    ) {
        let (_dir, lib) = library_with(&sentences);
        for q in [
            Query { text: query.clone(), ..Query::default() },
            Query {
                text: query.clone(),
                entity: Some(EntityFilter { kind: EntityKind::Person, name: name.clone() }),
                tag: Some(name.clone()),
                ..Query::default()
            },
        ] {
            for hit in lib.search(&q).unwrap() {
                let chars = hit.snippet.text.chars().count();
                for m in &hit.snippet.marks {
                    prop_assert!(m.start < m.end && m.end <= chars, "{:?} in {:?}", m, hit.snippet.text);
                }
            }
        }
        lib.tags().unwrap();
        lib.entities(None, 20).unwrap();
    }

    #[test]
    fn a_damaged_bundle_is_imported_whole_or_refused_without_a_trace(
        cuts in prop::collection::vec((any::<prop::sample::Index>(), 0usize..40, phrase(3)), 1..4),
    ) {
        let (_dir, lib) = library_with(&["Путин приехал в Москву.".to_string()]);
        let mut bundle = lib.export(&[1, 2], ExportFormat::Json).unwrap();
        for (at, len, insert) in &cuts {
            let chars: Vec<char> = bundle.chars().collect();
            let start = at.index(chars.len());
            let end = (start + len).min(chars.len());
            bundle = chars[..start].iter().chain(insert.chars().collect::<Vec<_>>().iter()).chain(&chars[end..]).collect();
        }
        let (_dir2, mut other) = library_with(&["Второй текст про Газпром.".to_string()]);
        let before = other.count().unwrap();
        match other.import(&bundle) {
            Ok(report) => prop_assert_eq!(other.count().unwrap(), before + report.added.len()),
            Err(_) => prop_assert_eq!(other.count().unwrap(), before),
        }
    }
}
