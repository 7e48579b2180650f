use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A half-open range of `char` (Unicode scalar value) offsets into a text. These are the units
/// that cross every boundary; a JavaScript UI converts them to UTF-16 indices once (ui/src/spans.ts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Span {
    #[ts(type = "number")]
    pub start: usize,
    #[ts(type = "number")]
    pub end: usize,
}

impl Span {
    /// The spanned slice of `text`, which must be the text the span was made for.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        let mut idx = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()));
        let start = idx.nth(self.start).unwrap_or(text.len());
        let end = if self.end > self.start {
            idx.nth(self.end - self.start - 1).unwrap_or(text.len())
        } else {
            start
        };
        &text[start..end]
    }
}

/// A text's char offsets → byte offsets, found once: slicing many spans of a long text (every
/// sentence, every entity) then costs one pass over it instead of one pass per span.
pub struct CharIndex<'t> {
    text: &'t str,
    /// The byte offset of each char, then the text's length.
    bytes: Vec<usize>,
}

impl<'t> CharIndex<'t> {
    pub fn new(text: &'t str) -> CharIndex<'t> {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        CharIndex { text, bytes }
    }

    /// The spanned slice; offsets past the end stop at the end, as [`Span::slice`]'s do.
    pub fn slice(&self, span: Span) -> &'t str {
        let at = |c: usize| self.bytes[c.min(self.bytes.len() - 1)];
        let start = at(span.start);
        &self.text[start..at(span.end).max(start)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_slices_as_span_slice_does() {
        let text = "Путин — 1 € ok";
        let index = CharIndex::new(text);
        for (start, end) in [
            (0, 5),
            (6, 7),
            (8, 11),
            (12, 14),
            (3, 3),
            (10, 99),
            (99, 120),
            (5, 2),
        ] {
            let span = Span { start, end };
            assert_eq!(index.slice(span), span.slice(text), "{start}..{end}");
        }
    }
}
