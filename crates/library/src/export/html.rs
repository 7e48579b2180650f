//! A self-contained HTML page: inline CSS, no script, a CSP that forbids loading anything, every
//! text escaped; people, places and organisations marked as in the app (colour + underline style
//! + a title naming the kind), so the page reads the same printed in black and white.

use svodka_analysis::{Document, Entity, EntityKind, Summary};

use super::json::rfc3339;
use crate::entries::Entry;

const STYLE: &str = "
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.5rem;margin-bottom:.2rem} .meta{color:#555;font-size:.9rem}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem} .cols h2{font-size:1.1rem}
.unavailable{color:#666;font-style:italic} article{margin-bottom:3rem;border-bottom:1px solid #ccc}
mark{background:none;color:inherit;border-bottom:2px solid;padding:0 1px}
mark.PER{border-color:#0072B2;border-bottom-style:solid} mark.LOC{border-color:#009E73;border-bottom-style:dashed}
mark.ORG{border-color:#D55E00;border-bottom-style:double;border-bottom-width:3px} mark.MISC{border-color:#CC79A7;border-bottom-style:dotted}
details{margin:1rem 0} .text{white-space:pre-wrap}
@media (prefers-color-scheme:dark){body{background:#161616;color:#e8e8e8}.meta,.unavailable{color:#aaa}}
";

pub fn write(entries: &[Entry]) -> String {
    let title = match entries {
        [one] => one.title.clone(),
        _ => format!("{} saved analyses — svodka", entries.len()),
    };
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n",
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!(
        "<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&title)
    ));
    for e in entries {
        entry(&mut out, e);
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn entry(out: &mut String, e: &Entry) {
    let a = &e.analysis;
    out.push_str("<article>\n");
    out.push_str(&format!("<h1>{}</h1>\n", esc(&e.title)));
    let mut meta = vec![
        format!("saved {}", esc(&rfc3339(e.created_ms))),
        format!("article in {}", a.source_language.name()),
        esc(a.route.describe()),
    ];
    if !e.tags.is_empty() {
        meta.push(format!("tags: {}", esc(&e.tags.join(", "))));
    }
    out.push_str(&format!("<p class=\"meta\">{}</p>\n", meta.join(" · ")));
    if !e.note.is_empty() {
        out.push_str(&format!("<p class=\"text\">{}</p>\n", esc(&e.note)));
    }
    out.push_str("<div class=\"cols\">\n");
    column(out, "English", "en", &a.summaries.en);
    column(out, "Русский", "ru", &a.summaries.ru);
    out.push_str("</div>\n<details>\n<summary>Article</summary>\n");
    out.push_str(&format!(
        "<p class=\"text\" lang=\"{}\">{}</p>\n</details>\n</article>\n",
        a.article.language,
        marked(&a.article)
    ));
}

fn column(out: &mut String, heading: &str, lang: &str, summary: &Summary) {
    out.push_str(&format!("<section lang=\"{lang}\">\n<h2>{heading}</h2>\n"));
    match summary {
        Summary::Ready(doc) => out.push_str(&format!("<p>{}</p>\n", marked(doc))),
        Summary::Unavailable { reason } => {
            out.push_str(&format!("<p class=\"unavailable\">{}</p>\n", esc(reason)))
        }
    }
    out.push_str("</section>\n");
}

/// The document's text with each entity in a `<mark>`; overlapping entities (none are expected)
/// keep the first.
fn marked(doc: &Document) -> String {
    let chars: Vec<char> = doc.text.chars().collect();
    let mut entities: Vec<&Entity> = doc.entities.items().iter().collect();
    entities.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::new();
    let mut pos = 0;
    for e in entities {
        if e.span.start < pos || e.span.end > chars.len() || e.span.start >= e.span.end {
            continue;
        }
        out.push_str(&esc(&chars[pos..e.span.start].iter().collect::<String>()));
        out.push_str(&format!(
            "<mark class=\"{}\" title=\"{}\">{}</mark>",
            e.kind.tag(),
            kind_title(e.kind),
            esc(&chars[e.span.start..e.span.end].iter().collect::<String>())
        ));
        pos = e.span.end;
    }
    out.push_str(&esc(&chars[pos..].iter().collect::<String>()));
    out
}

fn kind_title(kind: EntityKind) -> &'static str {
    kind.describe()
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
