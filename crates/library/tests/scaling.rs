//! Hostile sizes in the library (issue 16): a search's snippet (class 5) and the check every
//! analysis from outside goes through — imports and the window's compare and apply_picks
//! (class 7) — must grow with the text, not with its square. Each check doubles the input and
//! compares two timings taken in the same run (no absolute time is asserted); one test function,
//! so that no other test of this file runs while it measures.

mod common;
#[path = "../../../tests/support/linear.rs"]
mod linear;

use linear::assert_linear;
use svodka_analysis::{Analysis, CharIndex, Document, Entities, Entity, EntityKind, Lang, Span};
use svodka_library::{EntryMeta, Library, NewEntry, Query};

/// One line of `n` sentences, each with Gazprom marked in it, and a very long word right before
/// the last one's hit: the snippet's worst case.
fn document(n: usize) -> Document {
    let mut sentences: Vec<String> = (0..n)
        .map(|i| format!("Talks number {i} with Gazprom went on."))
        .collect();
    sentences.push(format!("{} Rosneft.", "x".repeat(5_000)));
    let mut doc = Document::from_sentences(
        Lang::En,
        &sentences,
        Entities::Unavailable {
            reason: "placeholder".into(),
        },
    );
    let index = CharIndex::new(&doc.text);
    let items = doc
        .sentences
        .iter()
        .map(|s| {
            // The sentences are ASCII: a byte offset in one is its char offset.
            let start = s.start + index.slice(*s).find("Gazprom").unwrap_or(0);
            let span = Span {
                start,
                end: (start + 7).min(s.end),
            };
            Entity::new(EntityKind::Organisation, span, &index, &[0.9])
        })
        .collect();
    doc.entities = Entities::Tagged {
        model: "test".into(),
        items,
    };
    doc
}

fn analysis(n: usize) -> Analysis {
    let doc = document(n);
    common::analysis(Lang::En, doc.clone(), doc.clone(), doc)
}

#[test]
fn hostile_sizes_cost_linear_time() {
    assert_linear(
        "class 7: checking an analysis from outside",
        analysis,
        2_000,
        |a| a.check().expect("a well-formed analysis"),
    );

    let dir = tempfile::tempdir().unwrap();
    let library = |n: usize| {
        let mut lib = Library::open(&dir.path().join(format!("{n}.sqlite3"))).unwrap();
        lib.save(NewEntry::new(EntryMeta::default(), analysis(n)))
            .unwrap();
        lib
    };
    let query = Query {
        text: "rosneft".into(),
        ..Query::default()
    };
    assert_linear(
        "class 5: a snippet after a long word in a long summary",
        library,
        2_000,
        |lib| {
            let hits = lib.search(&query).unwrap();
            assert_eq!(hits.len(), 1);
            assert!(hits[0].snippet.text.contains("Rosneft"));
        },
    );
}
