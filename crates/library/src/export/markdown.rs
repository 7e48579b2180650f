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
    let mut out = format!("# {}\n\n", esc(&e.title));
    let mut meta = vec![
        format!("Saved {}", rfc3339(e.created_ms)),
        a.route.describe().to_string(),
    ];
    if !e.tags.is_empty() {
        meta.push(format!("tags: {}", e.tags.join(", ")));
    }
    out.push_str(&format!("*{}*\n\n", esc(&meta.join(" · "))));
    if !e.note.is_empty() {
        out.push_str(&format!("{}\n\n", esc(&e.note)));
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
                esc(&list.join(", "))
            ));
        }
        out.push('\n');
    }
    out.push_str("## Article\n\n");
    for para in a.article.text.split('\n').filter(|p| !p.trim().is_empty()) {
        out.push_str(&format!("{}\n\n", esc(para.trim())));
    }
    out
}

fn section(out: &mut String, heading: &str, summary: &Summary) {
    out.push_str(&format!("## {heading}\n\n"));
    match summary {
        Summary::Ready(doc) => out.push_str(&format!("{}\n\n", esc(&doc.text))),
        Summary::Unavailable { reason } => out.push_str(&format!("*{}*\n\n", esc(reason))),
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

/// Backslash-escapes what Markdown would read as markup, and a leading list or heading marker.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.chars().enumerate() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) || (i == 0 && matches!(c, '-' | '+' | '='))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
