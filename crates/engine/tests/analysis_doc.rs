//! docs/ANALYSIS.md's example must stay a valid Analysis, with spans that match their texts.

use svodka_analysis::{Analysis, Entities};

#[test]
fn documented_example_parses_and_its_spans_hold() {
    let doc = include_str!("../../../docs/ANALYSIS.md");
    let start = doc.find("```json").expect("a json block") + "```json".len();
    let end = start + doc[start..].find("```").expect("closing fence");
    let a: Analysis = serde_json::from_str(&doc[start..end]).expect("the example is an Analysis");
    assert_eq!(a.format_version, svodka_analysis::FORMAT_VERSION);
    let en = a.summaries.en.document().expect("English summary");
    let ru = a.summaries.ru.document().expect("Russian summary");
    assert_eq!(en.sentences.len(), ru.sentences.len());
    for d in [&a.article, en, ru] {
        for s in &d.sentences {
            assert!(!s.slice(&d.text).is_empty());
        }
        if let Entities::Tagged { items, .. } = &d.entities {
            for e in items {
                assert_eq!(e.span.slice(&d.text), e.text);
            }
        }
    }
    // Nothing in the example is ignored or renamed on the way through the Rust type.
    let again: serde_json::Value =
        serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
    assert_eq!(
        again,
        serde_json::from_str::<serde_json::Value>(&doc[start..end]).unwrap()
    );
}
