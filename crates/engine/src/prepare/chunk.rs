//! Token-aware chunking: pack whole sentences into pieces that fit a model's input window.
//!
//! The rule is shared with the fixture generator (models/tools/make_fixtures.py, which must stay
//! in step): add sentences, joined by one space, while the joined text still encodes to at most
//! `window` tokens (special tokens included); a sentence that alone exceeds the window is cut at
//! word boundaries.

/// Greedily packs `units` into chunks of at most `window` tokens as counted by `count`.
pub fn pack<S: AsRef<str>>(units: &[S], window: usize, count: &dyn Fn(&str) -> usize) -> Vec<String> {
    let mut chunks = Vec::new();
    let mut current = String::new();
    for unit in units {
        let unit = unit.as_ref().trim();
        if unit.is_empty() {
            continue;
        }
        if count(unit) > window {
            if !current.is_empty() {
                chunks.push(std::mem::take(&mut current));
            }
            chunks.extend(split_long(unit, window, count));
            continue;
        }
        let candidate = if current.is_empty() { unit.to_string() } else { format!("{current} {unit}") };
        if !current.is_empty() && count(&candidate) > window {
            chunks.push(std::mem::replace(&mut current, unit.to_string()));
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() {
        chunks.push(current);
    }
    chunks
}

/// Cuts one over-long unit at word boundaries. A single "word" longer than the window (a pasted
/// URL, a run of symbols) is kept whole: the model truncates it rather than svodka dropping text.
fn split_long(unit: &str, window: usize, count: &dyn Fn(&str) -> usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    for word in unit.split_whitespace() {
        let candidate = if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
        if !current.is_empty() && count(&candidate) > window {
            pieces.push(std::mem::replace(&mut current, word.to_string()));
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One token per word plus two special tokens, like an encoder with <s> ... </s>.
    fn words(s: &str) -> usize {
        s.split_whitespace().count() + 2
    }

    #[test]
    fn packs_whole_sentences_up_to_the_window() {
        let units = ["a b c.", "d e.", "f g h i.", "j."];
        assert_eq!(pack(&units, 7, &words), vec!["a b c. d e.", "f g h i. j."]);
        assert_eq!(pack(&units, 100, &words), vec!["a b c. d e. f g h i. j."]);
    }

    #[test]
    fn cuts_an_overlong_sentence_at_words() {
        let units = ["a.", "one two three four five six seven.", "b."];
        assert_eq!(
            pack(&units, 5, &words),
            vec!["a.", "one two three", "four five six", "seven.", "b."]
        );
    }

    #[test]
    fn every_chunk_fits_and_no_word_is_lost() {
        let text: Vec<String> = (0..50).map(|i| format!("w{i} x{i} y{i}.")).collect();
        let chunks = pack(&text, 12, &words);
        assert!(chunks.iter().all(|c| words(c) <= 12));
        assert_eq!(chunks.join(" "), text.join(" "));
    }
}
