//! slovnet's word shapes (`slovnet.shape.word_shape`): the second input of its NER besides the
//! word itself — script, capitalisation, punctuation mark — so unknown words still carry a signal.

use crate::entities::python_text::{is_digit, is_lat, is_lower, is_ru, is_upper};

/// slovnet's PUNCTS: string punctuation, dashes, quotes, № and …; each has its own shape.
const PUNCTS: &str = "!#$%&()[]\\/*+,.:;<=>?@^_{|}~-‐−‒⁃–—―`\"'«»„“ʼʻ”№…";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Type {
    Ru,
    En,
    Num,
    Punct,
    Other,
}

/// Which branch of slovnet's `TYPE` regex matches at the word's start: Cyrillic, Latin,
/// an optionally signed number, a punctuation mark, or anything else.
fn word_type(word: &str) -> Type {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return Type::Other;
    };
    if is_ru(first) {
        Type::Ru
    } else if is_lat(first) {
        Type::En
    } else if is_digit(first) || (matches!(first, '+' | '-') && chars.next().is_some_and(is_digit))
    {
        Type::Num
    } else if PUNCTS.contains(first) {
        Type::Punct
    } else {
        Type::Other
    }
}

fn is_title(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) if word.chars().count() > 1 => {
            is_upper(first.encode_utf8(&mut [0; 4])) && is_lower(chars.as_str())
        }
        _ => false,
    }
}

fn is_dash_title(word: &str) -> bool {
    word.split_once('-')
        .is_some_and(|(left, right)| is_title(left) && is_title(right))
}

fn word_outline(word: &str) -> &'static str {
    if word.chars().count() == 1 {
        if is_upper(word) {
            "X"
        } else {
            "x"
        }
    } else if is_upper(word) {
        "XX"
    } else if is_lower(word) {
        "xx"
    } else if is_title(word) {
        "Xx"
    } else if is_dash_title(word) {
        "Xx-Xx"
    } else {
        "OTHER"
    }
}

/// The shape name, as in slovnet's shape vocabulary: "RU_Xx", "EN_XX", "PUNCT_«", "NUM", ….
pub fn word_shape(word: &str) -> String {
    match word_type(word) {
        Type::Ru => format!("RU_{}", word_outline(word)),
        Type::En => format!("EN_{}", word_outline(word)),
        Type::Punct if word.chars().count() == 1 => format!("PUNCT_{word}"),
        Type::Punct => "PUNCT_OTHER".to_string(),
        Type::Num => "NUM".to_string(),
        Type::Other => "OTHER".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::word_shape;

    #[test]
    fn shapes_of_news_words() {
        for (word, shape) in [
            ("Москва", "RU_Xx"),
            ("МВД", "RU_XX"),
            ("Нью-Йорк", "RU_Xx-Xx"),
            ("СИЗО-6", "RU_XX"),
            ("iPhone", "EN_OTHER"),
            ("-5", "NUM"),
            ("«", "PUNCT_«"),
            ("...", "PUNCT_OTHER"),
            ("ΔP", "OTHER"),
        ] {
            assert_eq!(word_shape(word), shape, "{word}");
        }
    }
}
