//! Property-based fuzzing (proptest) of everything that reads a reader's paste before a model
//! does: decoding, `prepare` (HTML included), sentence splitting, razdel and slovnet. Whatever
//! the input, each returns a value or a typed error — never a panic — and every span it returns
//! lies inside its text, in order. proptest rather than cargo-fuzz: it runs on the stable
//! toolchain inside `cargo test`, shrinks a failure to a small input and replays it from
//! proptest-regressions/. `make test` runs the default 256 cases per property; `make fuzz` runs
//! PROPTEST_CASES=20000.

use std::sync::OnceLock;

use proptest::prelude::*;
use svodka_engine::entities::razdel;
use svodka_engine::entities::slovnet::{self, Slovnet};
use svodka_engine::prepare::sentences::split_sentences;
use svodka_engine::prepare::{decode_input, prepare};

/// Pieces that the splitters, the tokenizer and the HTML reader treat specially.
const PIECES: &[&str] = &[
    "Mr.",
    "U.S.",
    "т.е.",
    "г.",
    "В.",
    "Путин",
    "Москва",
    "London",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "...",
    "…",
    "?!",
    "!!!",
    "«",
    "»",
    "\"",
    "(",
    ")",
    "[",
    "]",
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<br>",
    "<!--",
    "-->",
    "<!DOCTYPE html>",
    "<svg>",
    "</svg>",
    "<script>",
    "</script>",
    "<template>",
    "<math>",
    "<noscript>",
    "<textarea>",
    "<title>",
    "<",
    ">",
    "/>",
    "&amp;",
    "&#",
    ";",
    "1.5",
    "2030",
    "10%",
    "\u{200B}",
    "\u{00A0}",
    "\u{0301}",
    "😀",
    "\t",
    ".",
    ",",
    "A",
    "я",
    "—",
    "-",
    "–",
    "'",
    ":)",
    "\u{FEFF}",
    "ё",
    "Ё",
    "ООН",
    "https://example.com/a?b=1",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat()),
        (
            prop::sample::select(&["", "<html><body>", "<p>", "<!doctype html>"][..]),
            prop::collection::vec(prop::sample::select(PIECES), 0..60)
        )
            .prop_map(|(head, v)| format!("{head}{}", v.concat())),
    ]
}

fn slovnet() -> &'static Slovnet {
    static S: OnceLock<Slovnet> = OnceLock::new();
    S.get_or_init(|| {
        Slovnet::load(&slovnet::default_dir())
            .expect("slovnet is needed for this test; run scripts/setup-slovnet.sh")
    })
}

proptest! {
    #[test]
    fn decoding_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(text) = decode_input(&bytes) {
            let _ = prepare(&text);
        }
    }

    #[test]
    fn prepare_returns_sentences_inside_its_text(input in text()) {
        if let Ok(p) = prepare(&input) {
            let chars = p.text.chars().count();
            let mut end = 0;
            for s in &p.sentences {
                prop_assert!(s.start >= end && s.start < s.end && s.end <= chars, "{:?} in {:?}", s, p.text);
                end = s.end;
            }
        }
    }

    #[test]
    fn sentence_splitting_loses_no_character(input in text()) {
        let spans = split_sentences(&input);
        let joined: String = spans.iter().map(|s| s.slice(&input)).collect();
        let visible = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
        prop_assert_eq!(visible(&joined), visible(&input));
    }

    #[test]
    fn razdel_tokens_are_the_text_in_order(input in text()) {
        let chars: Vec<char> = input.chars().collect();
        let mut end = 0;
        for t in razdel::tokenize(&input) {
            prop_assert!(t.start >= end && t.start < t.stop && t.stop <= chars.len(), "{:?}", t);
            prop_assert_eq!(chars[t.start..t.stop].iter().collect::<String>(), t.text);
            end = t.stop;
        }
    }

    #[test]
    fn slovnet_entities_lie_inside_the_text(input in text()) {
        let chars = input.chars().count();
        let mut end = 0;
        for e in slovnet().tag(&input) {
            prop_assert!(e.span.start >= end && e.span.start < e.span.end && e.span.end <= chars, "{:?}", e);
            end = e.span.end;
        }
    }
}
