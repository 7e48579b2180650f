//! Whatever bytes arrive, preparation returns a value or a typed error — never a panic — and what
//! it returns is consistent (spans inside the text, nothing lost by the splitter).

use svodka_engine::prepare::sentences::split_sentences;
use svodka_engine::prepare::{decode_input, prepare};

/// A small deterministic generator, so failures reproduce.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

const PIECES: &[&str] = &[
    "Mr.",
    "U.S.",
    "т.е.",
    "г.",
    "В.",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "...",
    "…",
    "?!",
    "«",
    "»",
    "\"",
    "(",
    ")",
    "<p>",
    "</p>",
    "<br>",
    "<script>x</script>",
    "&amp;",
    "Москва",
    "London",
    "1.5",
    "2030",
    "\u{200B}",
    "\u{00A0}",
    "\u{0301}",
    "😀",
    "\t",
    ".",
    "A",
    "я",
    "—",
    "-",
    "'",
    "\u{FEFF}",
];

#[test]
fn random_text_never_panics_and_spans_stay_inside() {
    let mut rng = Lcg(42);
    for _ in 0..3000 {
        let n = (rng.next() % 40) as usize;
        let text: String = (0..n)
            .map(|_| PIECES[(rng.next() as usize) % PIECES.len()])
            .collect();
        if let Ok(p) = prepare(&text) {
            let chars = p.text.chars().count();
            for s in &p.sentences {
                assert!(s.start < s.end && s.end <= chars, "{s:?} in {:?}", p.text);
            }
        }
        let spans = split_sentences(&text);
        let joined: String = spans
            .iter()
            .map(|s| s.slice(&text))
            .collect::<Vec<_>>()
            .concat();
        let letters = |t: &str| t.chars().filter(|c| !c.is_whitespace()).count();
        assert_eq!(
            letters(&joined),
            letters(&text),
            "splitter lost characters of {text:?}"
        );
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Lcg(7);
    for _ in 0..3000 {
        let n = (rng.next() % 200) as usize;
        let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
        if let Ok(text) = decode_input(&bytes) {
            let _ = prepare(&text);
        }
    }
}
