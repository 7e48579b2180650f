//! Text clean-up applied to every paste before anything else looks at it.

use unicode_normalization::UnicodeNormalization;

/// NFC, one kind of space, no invisible characters, trimmed lines, at most one blank line between
/// paragraphs. Paragraph breaks are kept because the sentence splitter treats them as boundaries.
pub fn normalize(text: &str) -> String {
    let nfc: String = text.nfc().collect();
    let mut out = String::with_capacity(nfc.len());
    let mut blank_lines = 0usize;
    for line in nfc.split(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}']) {
        let line = collapse_spaces(line);
        if line.is_empty() {
            blank_lines += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_lines > 0 { "\n\n" } else { "\n" });
        }
        out.push_str(&line);
        blank_lines = 0;
    }
    out
}

fn collapse_spaces(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in line.chars() {
        if is_invisible(c) {
            continue;
        }
        if c.is_whitespace() || c.is_control() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    out
}

/// Characters that render as nothing and only confuse tokenizers (zero-width space and joiners,
/// byte-order mark, soft hyphen, word joiner).
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_spaces_and_keeps_paragraphs() {
        let text =
            "  Hello\u{00A0}\u{00A0}world.\t Next  \r\n\r\n\r\n\nSecond\u{200B} para.\nline ";
        assert_eq!(normalize(text), "Hello world. Next\n\nSecond para.\nline");
    }

    #[test]
    fn composes_to_nfc() {
        // "й" written as и + combining breve becomes the single code point.
        assert_eq!(normalize("и\u{0306}"), "й");
    }

    #[test]
    fn whitespace_only_becomes_empty() {
        assert_eq!(normalize(" \n\t\u{00A0}\u{200B} \r\n"), "");
    }
}
