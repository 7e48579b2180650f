//! Pasted input → clean text, its language and its sentences; bad input is refused here with a
//! typed error before any model is touched.

pub mod chunk;
pub mod html;
pub mod normalize;
pub mod sentences;

use crate::error::{EngineError, Result};
use svodka_analysis::{CharIndex, Lang, Span};

use crate::lang;

/// The input size cap, in characters after clean-up: about 30,000 words, several times the
/// longest news feature. It bounds memory and keeps a run within minutes on a laptop CPU.
pub const MAX_INPUT_CHARS: usize = 200_000;

/// Raw input above this many bytes is refused before clean-up (HTML can be much larger than its
/// text, so this is looser than [`MAX_INPUT_CHARS`]).
pub const MAX_INPUT_BYTES: usize = 8 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub text: String,
    pub language: Lang,
    pub sentences: Vec<Span>,
    /// What preparation did that the reader should know (an HTML paste kept in full, say).
    pub notes: Vec<String>,
}

impl Prepared {
    pub fn sentence_texts(&self) -> Vec<&str> {
        let index = CharIndex::new(&self.text);
        self.sentences.iter().map(|s| index.slice(*s)).collect()
    }
}

/// Bytes from a file or stdin → text. UTF-8 (with or without BOM) and UTF-16 with a BOM are
/// decoded as such; bytes that are not UTF-8 but read as Russian in Windows-1251 (still common in
/// Russian archives) are decoded from it; anything else is refused as binary.
pub fn decode_input(bytes: &[u8]) -> Result<String> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(EngineError::InputTooLarge {
            chars: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, malformed) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if malformed || text.contains('\0') {
            return Err(EngineError::BinaryInput);
        }
        return Ok(text.into_owned());
    }
    if bytes.contains(&0) {
        return Err(EngineError::BinaryInput);
    }
    match String::from_utf8(bytes.to_vec()) {
        Ok(text) => Ok(text),
        Err(_) if looks_like_cp1251_russian(bytes) => Ok(encoding_rs::WINDOWS_1251
            .decode_without_bom_handling(bytes)
            .0
            .into_owned()),
        Err(_) => Err(EngineError::BinaryInput),
    }
}

/// In Windows-1251 the Cyrillic letters are 0xC0..=0xFF (plus Ё/ё at 0xA8/0xB8); Russian text
/// has mostly those among its non-ASCII bytes, and no C0 controls besides line breaks and tabs.
fn looks_like_cp1251_russian(bytes: &[u8]) -> bool {
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    let letters = bytes
        .iter()
        .filter(|b| **b >= 0xC0 || **b == 0xA8 || **b == 0xB8)
        .count();
    let controls = bytes
        .iter()
        .any(|b| *b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t'));
    high > 0 && !controls && letters * 10 >= high * 9
}

/// Clean up, validate, detect the language and split into sentences.
pub fn prepare(input: &str) -> Result<Prepared> {
    if input.len() > MAX_INPUT_BYTES {
        return Err(EngineError::InputTooLarge {
            chars: input.chars().count(),
            limit: MAX_INPUT_CHARS,
        });
    }
    if looks_binary(input) {
        return Err(EngineError::BinaryInput);
    }
    let mut notes = Vec::new();
    let raw = if html::looks_like_html(input) {
        let extracted = html::extract(input);
        notes.extend(extracted.note);
        extracted.text
    } else {
        input.to_string()
    };
    let text = normalize::normalize(&raw);
    if text.is_empty() {
        return Err(EngineError::EmptyInput);
    }
    let chars = text.chars().count();
    if chars > MAX_INPUT_CHARS {
        return Err(EngineError::InputTooLarge {
            chars,
            limit: MAX_INPUT_CHARS,
        });
    }
    if !text.chars().any(char::is_alphabetic) {
        return Err(EngineError::UndetectedLanguage);
    }
    let language = lang::detect(&text)?;
    let sentences = sentences::split_sentences(&text);
    Ok(Prepared {
        text,
        language,
        sentences,
        notes,
    })
}

/// NUL bytes, or more than 1 % control characters (other than line breaks and tabs), or the
/// Unicode replacement character in bulk: what a binary file read as text looks like.
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut odd = 0usize;
    for c in text.chars() {
        total += 1;
        if c == '\0' {
            return true;
        }
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}')) || c == '\u{FFFD}' {
            odd += 1;
        }
    }
    total > 0 && odd * 100 > total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_empty_and_whitespace() {
        assert!(matches!(prepare(""), Err(EngineError::EmptyInput)));
        assert!(matches!(
            prepare(" \n\t\u{00A0} "),
            Err(EngineError::EmptyInput)
        ));
        assert!(matches!(
            prepare("<p> </p><div></div>"),
            Err(EngineError::EmptyInput)
        ));
    }

    #[test]
    fn refuses_binary() {
        assert!(matches!(
            decode_input(b"PK\x03\x04\x00\x00binary"),
            Err(EngineError::BinaryInput)
        ));
        assert!(matches!(
            decode_input(&[0xC3, 0x28, 0x41, 0x05, 0x90]),
            Err(EngineError::BinaryInput)
        ));
        assert!(matches!(
            decode_input(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(EngineError::BinaryInput)
        ));
        assert!(matches!(
            prepare("abc\u{0001}\u{0002}\u{0003}def"),
            Err(EngineError::BinaryInput)
        ));
        assert!(matches!(
            prepare("text\0more"),
            Err(EngineError::BinaryInput)
        ));
    }

    #[test]
    fn decodes_utf16_and_windows_1251_russian() {
        let text = "Мэр Москвы заявил, что программа рассчитана до 2030 года.";
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode_input(&utf16).unwrap(), text);
        let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        assert_eq!(decode_input(&cp1251).unwrap(), text);
        assert_eq!(decode_input("\u{FEFF}Hello".as_bytes()).unwrap(), "Hello");
    }

    #[test]
    fn refuses_oversized_input() {
        let big = "Word ".repeat(MAX_INPUT_CHARS / 5 + 10);
        match prepare(&big) {
            Err(EngineError::InputTooLarge { limit, .. }) => assert_eq!(limit, MAX_INPUT_CHARS),
            other => panic!("expected InputTooLarge, got {other:?}"),
        }
    }

    #[test]
    fn refuses_text_without_letters_and_other_languages() {
        assert!(matches!(
            prepare("12 345 — 678 !!!"),
            Err(EngineError::UndetectedLanguage)
        ));
        let fr = include_str!("../../../../samples/fr-article.txt");
        assert!(matches!(prepare(fr), Err(EngineError::UnsupportedLanguage(l)) if l == "French"));
    }

    #[test]
    fn prepares_html_paste() {
        let p =
            prepare("<div><p>The bank kept rates unchanged.</p><p>Mr. Smith said so.</p></div>")
                .unwrap();
        assert_eq!(p.language, Lang::En);
        assert_eq!(
            p.text,
            "The bank kept rates unchanged.\n\nMr. Smith said so."
        );
        assert_eq!(
            p.sentence_texts(),
            vec!["The bank kept rates unchanged.", "Mr. Smith said so."]
        );
    }

    #[test]
    fn prepares_the_sample_articles() {
        let en = prepare(include_str!("../../../../samples/en-article.txt")).unwrap();
        assert_eq!(en.language, Lang::En);
        assert_eq!(en.sentences.len(), 11, "{:?}", en.sentence_texts());
        let ru = prepare(include_str!("../../../../samples/ru-article.txt")).unwrap();
        assert_eq!(ru.language, Lang::Ru);
        assert!(ru
            .sentence_texts()
            .iter()
            .any(|s| s.starts_with("Мэр Москвы С. С. Собянин отметил")));
    }
}
