//! The slovnet port against natasha 1.6.0 itself (models/tools/make_slovnet_expected.py): word
//! shapes of every code point and of tricky words, and for 33 Russian news texts, edge cases and
//! 300 random strings, every token's shape and tag and every entity span with its type.
//! Needs the real packs: scripts/setup-slovnet.sh (run by `make test`) puts them in place.

use serde::Deserialize;
use svodka_analysis::EntityKind;
use svodka_engine::entities::razdel;
use svodka_engine::entities::slovnet;
use svodka_engine::entities::slovnet::{word_shape, Slovnet};

#[derive(Deserialize)]
struct Expected {
    ner_texts: usize,
    texts: Vec<Case>,
    shape_words: Vec<(String, String)>,
    shape_runs: Vec<(u32, u32, String)>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
    shapes: Vec<String>,
    tags: Vec<String>,
    spans: Vec<(usize, usize, String)>,
}

fn expected() -> Expected {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../models/fixtures/slovnet/expected.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn load() -> Slovnet {
    let dir = slovnet::default_dir();
    Slovnet::load(&dir).unwrap_or_else(|e| {
        panic!("slovnet is needed for this test; run scripts/setup-slovnet.sh ({e})")
    })
}

fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "PER",
        EntityKind::Location => "LOC",
        EntityKind::Organisation => "ORG",
        EntityKind::Misc => "MISC",
    }
}

#[test]
fn shapes_of_every_code_point_and_of_tricky_words() {
    let expected = expected();
    let mut checked = 0;
    for (first, end, shape) in &expected.shape_runs {
        for cp in *first..*end {
            let c = char::from_u32(cp).unwrap();
            assert_eq!(&word_shape(c.encode_utf8(&mut [0; 4])), shape, "U+{cp:04X}");
            checked += 1;
        }
    }
    assert_eq!(checked, 0x110000 - 0x800);
    for (word, shape) in &expected.shape_words {
        assert_eq!(&word_shape(word), shape, "{word}");
    }
}

#[test]
fn tags_and_spans_match_natasha() {
    let expected = expected();
    let slovnet = load();
    let mut entities = 0;
    for case in &expected.texts {
        let shapes: Vec<String> = razdel::tokenize(&case.text)
            .iter()
            .map(|t| word_shape(&t.text))
            .collect();
        assert_eq!(shapes, case.shapes, "shapes of {:?}", case.text);
        let tags: Vec<String> = slovnet
            .tag_tokens(&case.text)
            .into_iter()
            .map(|t| t.tag)
            .collect();
        assert_eq!(tags, case.tags, "tags of {:?}", case.text);
        let spans: Vec<(usize, usize, String)> = slovnet
            .tag(&case.text)
            .into_iter()
            .map(|e| (e.span.start, e.span.end, kind_name(e.kind).to_string()))
            .collect();
        assert_eq!(spans, case.spans, "spans of {:?}", case.text);
        entities += spans.len();
    }
    // The news texts alone hold well over a hundred entities; make sure they were all compared.
    let news: usize = expected.texts[..expected.ner_texts]
        .iter()
        .map(|c| c.spans.len())
        .sum();
    assert!(news >= 100, "{news}");
    assert!(entities >= news);
}

#[test]
fn entity_texts_and_scores() {
    let slovnet = load();
    let text = "Мэр Москвы Сергей Собянин открыл станцию метро.";
    let found: Vec<(EntityKind, String)> = slovnet
        .tag(text)
        .into_iter()
        .inspect(|e| assert!(e.score > 0.5 && e.score <= 1.0, "{e:?}"))
        .map(|e| (e.kind, e.text))
        .collect();
    assert_eq!(
        found,
        vec![
            (EntityKind::Location, "Москвы".to_string()),
            (EntityKind::Person, "Сергей Собянин".to_string())
        ]
    );
    assert!(slovnet.tag("").is_empty());
    assert!(slovnet.tag("  \n ").is_empty());
}
