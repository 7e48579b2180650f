//! Words as the library indexes and matches them: lower case, ё folded to е, each word stemmed by
//! the Snowball stemmer of its own script (Cyrillic → Russian, Latin → English). The same
//! function serves the index, the query and entity names, so "Путиным" meets "Путина" at "путин".

use rust_stemmers::{Algorithm, Stemmer};
use std::sync::OnceLock;

/// One word of a text: where it is (char offsets) and its folded and stemmed forms.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// Lower case, ё → е.
    pub folded: String,
    pub stem: String,
}

/// The words of `text`: runs of letters and digits (a hyphen or apostrophe inside a word splits it,
/// as FTS5's unicode61 tokenizer does).
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    let mut buf = String::new();
    let mut n = 0;
    for (i, c) in text.chars().enumerate() {
        n = i + 1;
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            buf.push(c);
        } else if let Some(s) = start.take() {
            out.push(word(s, i, &buf));
            buf.clear();
        }
    }
    if let Some(s) = start {
        out.push(word(s, n, &buf));
    }
    out
}

fn word(start: usize, end: usize, raw: &str) -> Word {
    let folded = fold(raw);
    let stem = stem(&folded);
    Word {
        start,
        end,
        folded,
        stem,
    }
}

/// Lower case with ё → е: Russian texts write "Фёдор" and "Федор" for the same name.
pub fn fold(word: &str) -> String {
    word.to_lowercase().replace('ё', "е")
}

/// The Snowball stem of a folded word, by its script, stemmed again until it stops changing;
/// digits and other scripts stay as they are.
///
/// Once is not enough for names: Snowball reads the "-ом" of "Газпром" as an ending ("газпр")
/// while "Газпрома" loses only its "-а" ("газпром"). Stemming to a fixed point brings every form
/// to "газпр"; the price, a little over-conflation ("Иванов" with "Иван"), suits a search box.
pub fn stem(folded: &str) -> String {
    let mut current = stem_once(folded);
    for _ in 0..3 {
        let next = stem_once(&current);
        if next == current {
            break;
        }
        current = next;
    }
    current
}

fn stem_once(folded: &str) -> String {
    static RU: OnceLock<Stemmer> = OnceLock::new();
    static EN: OnceLock<Stemmer> = OnceLock::new();
    let stemmer = if folded.chars().any(is_cyrillic) {
        RU.get_or_init(|| Stemmer::create(Algorithm::Russian))
    } else if folded.chars().any(|c| c.is_ascii_alphabetic()) {
        EN.get_or_init(|| Stemmer::create(Algorithm::English))
    } else {
        return folded.to_string();
    };
    stemmer.stem(folded).into_owned()
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// The stems of a text, space-separated: the shadow column FTS5 matches inflected queries on.
pub fn stem_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for w in words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w.stem);
    }
    out
}

/// A name's key for the entity filter: its words' stems, so "Газпрома" and "Газпром" are one
/// organisation.
pub fn name_key(name: &str) -> String {
    stem_line(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_inflections_share_a_stem() {
        let forms = ["Путин", "Путина", "Путину", "Путиным", "Путине"];
        let stems: Vec<String> = forms.iter().map(|f| stem(&fold(f))).collect();
        assert!(stems.iter().all(|s| s == "путин"), "{stems:?}");
        for form in ["Газпрома", "Газпрому", "Газпромом", "«Газпроме»"]
        {
            assert_eq!(name_key(form), name_key("Газпром"), "{form}");
        }
        assert_eq!(name_key("Банка России"), name_key("Банк России"));
        assert_eq!(fold("Фёдор"), "федор");
    }

    #[test]
    fn english_and_mixed_words() {
        let w = words("Sanctions hit Газпром's exports, 2024-05.");
        let stems: Vec<&str> = w.iter().map(|w| w.stem.as_str()).collect();
        assert_eq!(
            stems,
            ["sanction", "hit", "газпр", "s", "export", "2024", "05"]
        );
        assert_eq!((w[2].start, w[2].end), (14, 21));
    }

    #[test]
    fn empty_and_symbol_only_texts_have_no_words() {
        assert!(words("").is_empty());
        assert!(words(" — … !!").is_empty());
        assert_eq!(stem_line("  "), "");
    }
}
