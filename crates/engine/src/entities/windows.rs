//! A long text cut into windows the English NER tags one at a time: each window holds whole
//! sentences (a sentence too long for one window is cut at whitespace) and at most `budget` word
//! pieces, so one window is one pass of the model — the unit at which a job can be cancelled and
//! its progress shown. A text that fits one window is one window: it is tagged exactly as before.
//!
//! Pure (the piece count is passed in), so the cuts are tested without a model.

use svodka_analysis::{CharIndex, Span};

/// A part of an over-long sentence holds at most this many chars. A char makes at most one word
/// piece (a word is at least one char per piece, or one `[UNK]`), so a part fits any budget of
/// this size or more.
const MAX_PART_CHARS: usize = 400;

/// Windows covering `text` end to end, in order, each cut at a sentence start (or, inside a
/// sentence longer than [`MAX_PART_CHARS`], after a whitespace), each with at most `budget`
/// pieces as `pieces` counts them unless a single part alone has more.
pub fn windows(
    text: &str,
    sentences: &[Span],
    budget: usize,
    pieces: impl Fn(&str) -> usize,
) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    if n == 0 {
        return Vec::new();
    }
    // Sentence starts in order and inside the text; the text before the first belongs to it.
    let mut starts = vec![0];
    for s in sentences {
        if s.start > *starts.last().unwrap() && s.start < n {
            starts.push(s.start);
        }
    }
    starts.push(n);

    let index = CharIndex::new(text);
    let mut out = Vec::new();
    let (mut open, mut held) = (0, 0);
    for unit in starts.windows(2) {
        for part in parts(&chars, unit[0], unit[1]) {
            let count = pieces(index.slice(part));
            if held > 0 && held + count > budget {
                out.push(Span {
                    start: open,
                    end: part.start,
                });
                (open, held) = (part.start, 0);
            }
            held += count;
        }
    }
    out.push(Span {
        start: open,
        end: n,
    });
    out
}

/// `start..end` in parts of at most [`MAX_PART_CHARS`], each ending after the last whitespace
/// that keeps it within the limit (or at the limit when there is none).
fn parts(chars: &[char], mut start: usize, end: usize) -> Vec<Span> {
    let mut out = Vec::new();
    while end - start > MAX_PART_CHARS {
        let limit = start + MAX_PART_CHARS;
        let cut = (start + 1..=limit)
            .rev()
            .find(|&i| chars[i - 1].is_whitespace())
            .unwrap_or(limit);
        out.push(Span { start, end: cut });
        start = cut;
    }
    out.push(Span { start, end });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> usize {
        s.split_whitespace().count()
    }

    fn texts(text: &str, windows: &[Span]) -> Vec<String> {
        windows.iter().map(|w| w.slice(text).to_string()).collect()
    }

    fn spans(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, c) in text.chars().enumerate() {
            if c == '.' {
                out.push(Span { start, end: i + 1 });
                start = i + 2;
            }
        }
        out
    }

    #[test]
    fn a_text_that_fits_is_one_window() {
        let text = "One two. Three four five.";
        assert_eq!(
            windows(text, &spans(text), 10, words),
            vec![Span { start: 0, end: 25 }]
        );
        assert_eq!(windows("", &[], 10, words), vec![]);
    }

    #[test]
    fn windows_hold_whole_sentences_within_the_budget() {
        let text = "A b c. D e. F g h i. J.";
        let w = windows(text, &spans(text), 5, words);
        assert_eq!(texts(text, &w), vec!["A b c. D e. ", "F g h i. J."]);
        let w = windows(text, &spans(text), 3, words);
        assert_eq!(texts(text, &w), vec!["A b c. ", "D e. ", "F g h i. ", "J."]);
    }

    #[test]
    fn windows_cover_the_text_end_to_end_whatever_the_sentences_say() {
        let text = "  Lead-in. Then more. And the end.";
        let n = text.chars().count();
        let odd = [
            Span { start: 30, end: 12 },
            Span { start: 2, end: 10 },
            Span { start: 11, end: 99 },
            Span { start: 5, end: 6 },
            Span {
                start: 99,
                end: 120,
            },
        ];
        for sentences in [&odd[..], &spans(text), &[]] {
            let w = windows(text, sentences, 2, words);
            assert_eq!(w.first().unwrap().start, 0);
            assert_eq!(w.last().unwrap().end, n);
            assert!(w
                .windows(2)
                .all(|p| p[0].end == p[1].start && p[0].start < p[0].end));
        }
    }

    #[test]
    fn a_sentence_longer_than_a_part_is_cut_after_whitespace() {
        let word = "abcdefghi ";
        let text = word.repeat(100);
        let w = windows(&text, &[], 1, |s| s.chars().count());
        assert!(w.iter().all(|s| s.end - s.start <= MAX_PART_CHARS));
        assert!(texts(&text, &w).iter().all(|t| t.ends_with(' ')));
        assert_eq!(w.len(), 3);

        let solid = "x".repeat(1_000);
        let w = windows(&solid, &[], 1, |s| s.chars().count());
        assert_eq!(
            w.iter().map(|s| s.end - s.start).collect::<Vec<_>>(),
            vec![400, 400, 200]
        );
    }
}
