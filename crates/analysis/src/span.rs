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
