//! The razdel port against razdel 0.5.0 itself (models/tools/make_slovnet_expected.py): every
//! token, with its offsets, on 32 Russian news paragraphs and tokeniser edge cases.

use serde::Deserialize;
use svodka_engine::entities::razdel::tokenize;

#[derive(Deserialize)]
struct Expected {
    texts: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    text: String,
    tokens: Vec<(usize, usize, String)>,
}

#[test]
fn tokens_match_razdel() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../models/fixtures/slovnet/expected.json"
    );
    let expected: Expected = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(expected.texts.len() >= 40);
    for case in &expected.texts {
        let got: Vec<(usize, usize, String)> = tokenize(&case.text)
            .into_iter()
            .map(|t| (t.start, t.stop, t.text))
            .collect();
        assert_eq!(got, case.tokens, "tokens of {:?}", case.text);
    }
}
