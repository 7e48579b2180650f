//! The terminal view: English and Russian summaries in two columns, sentence by sentence, then
//! the entities of each text.

use std::borrow::Cow;
use std::fmt::Write;

use console::measure_text_width;
use svodka_analysis::Summary;
use svodka_analysis::{Analysis, Document, Entities, EntityKind};

pub fn terminal_width() -> usize {
    console::Term::stdout()
        .size_checked()
        .map(|(_, w)| w as usize)
        .unwrap_or(100)
        .clamp(60, 160)
}

/// Text from an article or the library, safe to print: control characters (escape sequences,
/// carriage returns, backspaces) and bidirectional overrides would let an imported bundle or a
/// pasted page rewrite the terminal, so each becomes U+FFFD; line breaks stay when `lines`.
pub fn printable(s: &str, lines: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && !(lines && c == '\n'))
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if unsafe_char(c) { '\u{FFFD}' } else { c })
            .collect(),
    )
}

/// The analysis as the terminal shows it; every text in it has passed [`printable`].
pub fn side_by_side(a: &Analysis, width: usize) -> String {
    printable(&layout(a, width), true).into_owned()
}

fn layout(a: &Analysis, width: usize) -> String {
    let mut out = String::new();
    let col = (width - 3) / 2;
    let _ = writeln!(
        out,
        "Article: {} · route: {}",
        a.source_language,
        a.route.describe()
    );
    let _ = writeln!(out, "{}", "─".repeat(width));
    row(&mut out, "English summary", "Русское резюме", col);
    let _ = writeln!(out, "{}", "─".repeat(width));
    // Sentence i of one column translates sentence i of the other; a missing column shows why.
    let en = column(&a.summaries.en);
    let ru = column(&a.summaries.ru);
    for i in 0..en.len().max(ru.len()) {
        row(
            &mut out,
            en.get(i).copied().unwrap_or(""),
            ru.get(i).copied().unwrap_or(""),
            col,
        );
    }
    let _ = writeln!(out, "{}", "─".repeat(width));
    entities(&mut out, "Article", &a.article);
    if let Some(t) = &a.article_translation {
        entities(&mut out, "Article (English translation)", t);
    }
    for (title, summary) in [
        ("English summary", &a.summaries.en),
        ("Russian summary", &a.summaries.ru),
    ] {
        if let Some(doc) = summary.document() {
            entities(&mut out, title, doc);
        }
    }
    let models: Vec<String> = a.models.iter().map(|m| m.id.clone()).collect();
    let total: u64 = a.timings.iter().map(|t| t.ms).sum();
    let used = if models.is_empty() {
        "none".to_string()
    } else {
        models.join(", ")
    };
    let _ = writeln!(out, "Models: {used} · {:.1} s", total as f64 / 1000.0);
    if !a.notes.is_empty() {
        let _ = writeln!(out, "\nNotes:");
        for note in &a.notes {
            let _ = writeln!(out, "  • {note}");
        }
    }
    out
}

fn column(summary: &Summary) -> Vec<&str> {
    match summary {
        Summary::Ready(doc) => doc.sentence_texts(),
        Summary::Unavailable { reason } => vec![reason.as_str()],
    }
}

fn row(out: &mut String, left: &str, right: &str, col: usize) {
    let l = textwrap::wrap(left, col);
    let r = textwrap::wrap(right, col);
    for i in 0..l.len().max(r.len()) {
        let a = l.get(i).map(|c| c.as_ref()).unwrap_or("");
        let b = r.get(i).map(|c| c.as_ref()).unwrap_or("");
        let pad = col.saturating_sub(measure_text_width(a));
        let _ = writeln!(out, "{a}{} │ {b}", " ".repeat(pad));
    }
}

fn entities(out: &mut String, title: &str, doc: &Document) {
    match &doc.entities {
        Entities::Tagged { items, .. } if items.is_empty() => {
            let _ = writeln!(out, "{title}: no entities found");
        }
        Entities::Tagged { items, .. } => {
            // Each distinct entity once, in order of first mention, with its count.
            let mut seen: Vec<(&str, EntityKind, usize)> = Vec::new();
            for e in items {
                match seen
                    .iter_mut()
                    .find(|(t, k, _)| *t == e.text && *k == e.kind)
                {
                    Some(entry) => entry.2 += 1,
                    None => seen.push((&e.text, e.kind, 1)),
                }
            }
            let list: Vec<String> = seen
                .iter()
                .map(|(text, k, n)| match n {
                    1 => format!("{text} [{}]", kind(*k)),
                    n => format!("{text} [{}] ×{n}", kind(*k)),
                })
                .collect();
            let _ = writeln!(out, "{title}: {}", list.join(", "));
        }
        Entities::Unavailable { reason } => {
            let _ = writeln!(out, "{title}: entities not marked — {reason}");
        }
    }
}

fn kind(k: EntityKind) -> &'static str {
    use EntityKind::*;
    match k {
        Person => "PER",
        Location => "LOC",
        Organisation => "ORG",
        Misc => "MISC",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_overrides_are_not_printed() {
        let hostile = "Title\u{1b}]0;pwned\u{7}\u{1b}[2J\rgone\u{8}\u{202E}txt.exe\u{9b}31m";
        let shown = printable(hostile, false);
        assert!(!shown.chars().any(|c| c.is_control()), "{shown:?}");
        assert!(!shown.contains('\u{202E}'));
        assert!(shown.starts_with("Title\u{FFFD}]0;pwned"));
        assert_eq!(printable("две\nстроки", true), "две\nстроки");
        assert_eq!(printable("две\nстроки", false), "две\u{FFFD}строки");
        assert!(matches!(printable("plain Текст", false), Cow::Borrowed(_)));
    }
}
