//! The terminal view: English and Russian summaries in two columns, sentence by sentence, then
//! the entities of each text.

use std::fmt::Write;

use console::measure_text_width;
use svodka_engine::{Analysis, Document, Entities};

pub fn terminal_width() -> usize {
    console::Term::stdout()
        .size_checked()
        .map(|(_, w)| w as usize)
        .unwrap_or(100)
        .clamp(60, 160)
}

pub fn side_by_side(a: &Analysis, width: usize) -> String {
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
    let en = a.summaries.en.sentence_texts();
    let ru = a.summaries.ru.sentence_texts();
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
    entities(&mut out, "English summary", &a.summaries.en);
    entities(&mut out, "Russian summary", &a.summaries.ru);
    let models: Vec<String> = a.models.iter().map(|m| m.id.clone()).collect();
    let total: u64 = a.timings.iter().map(|t| t.ms).sum();
    let _ = writeln!(
        out,
        "Models: {} · {:.1} s",
        models.join(", "),
        total as f64 / 1000.0
    );
    out
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
            let list: Vec<String> = items
                .iter()
                .map(|e| format!("{} [{}]", e.text, kind(e.kind)))
                .collect();
            let _ = writeln!(out, "{title}: {}", list.join(", "));
        }
        Entities::Unavailable { reason } => {
            let _ = writeln!(out, "{title}: entities not marked — {reason}");
        }
    }
}

fn kind(k: svodka_engine::EntityKind) -> &'static str {
    use svodka_engine::EntityKind::*;
    match k {
        Person => "PER",
        Location => "LOC",
        Organisation => "ORG",
        Misc => "MISC",
    }
}
