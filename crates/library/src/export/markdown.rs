//! Markdown for notes apps and email: title, date and tags, both summaries, the names found, the
//! article. Text is escaped so an article's own `#`, `*` or `<script>` stays text.

use std::collections::BTreeMap;

use svodka_analysis::{Document, EntityKind, Summary};

use super::json::rfc3339;
use crate::entries::Entry;

pub fn write(entries: &[Entry]) -> String {
    entries
        .iter()
        .map(entry)
        .collect::<Vec<_>>()
        .join("\n---\n\n")
}

fn entry(e: &Entry) -> String {
    let a = &e.analysis;
    let mut out = format!("# {}\n\n", inline(&e.title));
    let mut meta = vec![
        format!("Saved {}", rfc3339(e.created_ms)),
        a.route.describe().to_string(),
    ];
    if !e.tags.is_empty() {
        meta.push(format!("tags: {}", e.tags.join(", ")));
    }
    out.push_str(&format!("*{}*\n\n", inline(&meta.join(" · "))));
    if !e.note.trim().is_empty() {
        out.push_str(&format!("{}\n\n", block(&e.note)));
    }
    section(&mut out, "Summary (English)", &a.summaries.en);
    section(&mut out, "Краткое содержание (русский)", &a.summaries.ru);
    let names = names(a.documents());
    if !names.is_empty() {
        out.push_str("## People, places, organisations\n\n");
        for (kind, list) in names.into_values() {
            out.push_str(&format!(
                "- **{}**: {}\n",
                kind.describe(),
                inline(&list.join(", "))
            ));
        }
        out.push('\n');
    }
    out.push_str("## Article\n\n");
    for para in a.article.text.split('\n').filter(|p| !p.trim().is_empty()) {
        out.push_str(&format!("{}\n\n", block(para)));
    }
    out
}

fn section(out: &mut String, heading: &str, summary: &Summary) {
    out.push_str(&format!("## {heading}\n\n"));
    match summary {
        Summary::Ready(doc) => out.push_str(&format!("{}\n\n", block(&doc.text))),
        Summary::Unavailable { reason } => out.push_str(&format!("*{}*\n\n", inline(reason))),
    }
}

/// Distinct names per kind, in order of first appearance across the texts.
fn names<'a>(
    docs: impl Iterator<Item = &'a Document>,
) -> BTreeMap<&'static str, (EntityKind, Vec<String>)> {
    let mut out: BTreeMap<&'static str, (EntityKind, Vec<String>)> = BTreeMap::new();
    for e in docs.flat_map(|d| d.entities.items()) {
        let list = &mut out.entry(e.kind.tag()).or_insert((e.kind, Vec::new())).1;
        let name = e.text.trim().to_string();
        if !list.contains(&name) {
            list.push(name);
        }
    }
    out
}

/// One line of Markdown text (a title, a list item): line breaks become spaces.
fn inline(s: &str) -> String {
    esc_line(&s.replace(['\r', '\n'], " "))
}

/// Text with line breaks (a note, a summary, an article paragraph) as Markdown paragraphs: blank
/// lines separate paragraphs, other breaks stay breaks (a backslash before the newline), and no
/// line can turn into a heading, a list, a quote or a code block.
fn block(s: &str) -> String {
    let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
    for line in s.lines().map(str::trim) {
        if line.is_empty() {
            if !paragraphs.last().expect("one paragraph").is_empty() {
                paragraphs.push(Vec::new());
            }
        } else {
            paragraphs
                .last_mut()
                .expect("one paragraph")
                .push(esc_line(line));
        }
    }
    paragraphs
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join("\\\n"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Backslash-escapes what Markdown would read as markup in one line, including what only counts
/// at its start: list and heading markers, and an ordered list's "1." or "1)". Leading spaces
/// (an indented code block) are dropped.
fn esc_line(s: &str) -> String {
    let s = s.trim_start();
    let mut out = String::with_capacity(s.len() + 8);
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in s.chars().enumerate() {
        let markup = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        );
        let line_start = i == 0 && matches!(c, '-' | '+' | '=');
        let ordered = digits > 0 && i == digits && matches!(c, '.' | ')');
        if markup || line_start || ordered {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multi_line_note_stays_text() {
        let note = "first line\n- not a list\n1. not numbered\n2) nor this\n    not code\n\n\n# not a heading\n=== \n> not a quote";
        let md = block(note);
        assert_eq!(
            md,
            "first line\\\n\\- not a list\\\n1\\. not numbered\\\n2\\) nor this\\\nnot code\n\n\\# not a heading\\\n\\===\\\n\\> not a quote"
        );
        assert_eq!(inline("two\nlines"), "two lines");
        assert_eq!(esc_line("2024 was a year"), "2024 was a year");
    }
}
