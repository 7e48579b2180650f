//! Token-aware chunking: pack whole sentences into pieces that fit a model's input window.
//!
//! The rule is shared with the fixture generator (models/tools/make_fixtures.py, which must stay
//! in step): add sentences, joined by one space, while the joined text still encodes to at most
//! `window` tokens (special tokens included); a sentence that alone exceeds the window is cut at
//! word boundaries.

/// Greedily packs `units` into chunks of at most `window` tokens as counted by `count`.
pub fn pack<S: AsRef<str>>(
    units: &[S],
    window: usize,
    count: &dyn Fn(&str) -> usize,
) -> Vec<String> {
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
        let candidate = if current.is_empty() {
            unit.to_string()
        } else {
            format!("{current} {unit}")
        };
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

/// Cuts one over-long unit at word boundaries. Word costs are counted once each and summed (a
/// tokenizer's count of a joined text is close to the sum of its words'); each piece is then
/// checked with a real count and halved if the estimate was short. A single "word" longer than
/// the window (a pasted URL, a run of symbols) is kept whole: the model truncates it rather than
/// svodka dropping text.
fn split_long(unit: &str, window: usize, count: &dyn Fn(&str) -> usize) -> Vec<String> {
    let words: Vec<&str> = unit.split_whitespace().collect();
    let specials = count("");
    let budget = window.saturating_sub(specials);
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut used = 0;
    for (i, w) in words.iter().enumerate() {
        let cost = count(w).saturating_sub(specials).max(1);
        if i > start && used + cost > budget {
            pieces.push(&words[start..i]);
            start = i;
            used = 0;
        }
        used += cost;
    }
    if start < words.len() {
        pieces.push(&words[start..]);
    }
    let mut out = Vec::new();
    for p in pieces {
        fit(p, window, count, &mut out);
    }
    out
}

fn fit(words: &[&str], window: usize, count: &dyn Fn(&str) -> usize, out: &mut Vec<String>) {
    let text = words.join(" ");
    if words.len() <= 1 || count(&text) <= window {
        out.push(text);
    } else {
        let mid = words.len() / 2;
        fit(&words[..mid], window, count, out);
        fit(&words[mid..], window, count, out);
    }
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
    fn a_long_run_of_words_is_cut_quickly_and_completely() {
        // 50,000 words with no sentence end: costs are counted per word, not per candidate.
        let calls = std::cell::Cell::new(0usize);
        let count = |s: &str| {
            calls.set(calls.get() + 1);
            words(s)
        };
        let unit = (0..50_000)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let chunks = pack(&[unit.as_str()], 512, &count);
        assert!(chunks.iter().all(|c| words(c) <= 512));
        assert_eq!(chunks.join(" "), unit);
        assert!(
            calls.get() < 51_000 + 2 * chunks.len() + 10,
            "{} tokenizer calls",
            calls.get()
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
