//! Pasting from a browser often brings HTML along; readers want the article's text.

use scraper::{node::Node, Html};

/// Inline elements common in pasted articles (block and skipped ones are listed below).
const INLINE: &[&str] = &[
    "html", "body", "br", "span", "a", "strong", "em", "b", "i", "td", "meta", "title",
];

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "iframe", "button", "nav",
];

/// Elements that start a new paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "article",
    "section",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "table",
    "tr",
    "header",
    "footer",
    "main",
    "figure",
    "figcaption",
    "pre",
    "dd",
    "dt",
    "hr",
];

/// True when the text contains at least two tags of the elements that make up pages (p, div, a,
/// br, …): one stray "<b>" in an article about markup is prose. `<script>`, `<style>` and the
/// other skipped elements do not count — articles quote them (`<script>alert(1)</script>`) far
/// more often than a page paste lacks paragraphs, and as HTML they would silently disappear.
pub fn looks_like_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let mut hits = 0;
    for (i, _) in lower.match_indices('<') {
        let rest = lower[i + 1..].trim_start_matches('/');
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let after = rest[name.len()..].chars().next();
        let structural = [INLINE, BLOCKS]
            .iter()
            .any(|list| list.contains(&name.as_str()));
        if structural && matches!(after, Some('>' | ' ' | '/' | '\n' | '\t')) {
            hits += 1;
            if hits >= 2 {
                return true;
            }
        }
    }
    false
}

/// The visible text of an HTML fragment or document, one paragraph per block element.
pub fn html_to_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = String::new();
    walk(doc.tree.root(), &mut out);
    out
}

fn walk(node: ego_tree::NodeRef<'_, Node>, out: &mut String) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if SKIPPED.contains(&name) {
                    continue;
                }
                if name == "br" {
                    out.push('\n');
                    continue;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    out.push_str("\n\n");
                }
                walk(child, out);
                if block {
                    out.push_str("\n\n");
                }
            }
            _ => walk(child, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_html_but_not_prose_about_tags() {
        assert!(looks_like_html("<p>One.</p><p>Two.</p>"));
        assert!(looks_like_html("<div class=\"x\">Text<br/>more</div>"));
        assert!(!looks_like_html(
            "Use the <b> tag for bold, said the editor."
        ));
        assert!(!looks_like_html("If a < b and c > d then nothing."));
        assert!(!looks_like_html(
            "The page said <img src=x onerror=alert(1)> and <script>steal()</script> in plain sight."
        ));
    }

    #[test]
    fn extracts_paragraphs_and_drops_scripts() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body>\
                    <h1>Headline</h1><p>First &amp; <b>bold</b> sentence.</p>\
                    <script>alert(1)</script><p>Second<br>line.</p></body></html>";
        let text = crate::prepare::normalize::normalize(&html_to_text(html));
        assert_eq!(text, "Headline\n\nFirst & bold sentence.\n\nSecond\nline.");
    }
}
