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
    let doc = Html::parse_document(&bounded_depth(html));
    let mut out = String::new();
    // Iterative, not recursive: the engine thread's stack is small and pages can nest deep.
    // `true` marks the end of a block element, where its closing paragraph break goes.
    let mut stack: Vec<(ego_tree::NodeRef<'_, Node>, bool)> = doc
        .tree
        .root()
        .children()
        .rev()
        .map(|c| (c, false))
        .collect();
    while let Some((node, closing)) = stack.pop() {
        if closing {
            out.push_str("\n\n");
            continue;
        }
        match node.value() {
            Node::Text(t) => {
                out.push_str(t);
                continue;
            }
            Node::Element(e) => {
                let name = e.name();
                if SKIPPED.contains(&name) {
                    continue;
                }
                if name == "br" {
                    out.push('\n');
                    continue;
                }
                if BLOCKS.contains(&name) {
                    out.push_str("\n\n");
                    stack.push((node, true));
                }
            }
            _ => {}
        }
        stack.extend(node.children().rev().map(|c| (c, false)));
    }
    out
}

/// How deep elements may nest before the parser sees them: Blink flattens the tree at 512 too.
const MAX_DEPTH: usize = 512;

/// Elements that never have content (no end tag, no depth).
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is raw text: tags inside them are not tags.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "noembed", "noframes",
];

/// Elements that an opening tag of the same name closes (`<p>one<p>two`).
const SELF_CLOSING_SIBLINGS: &[&str] = &["p", "li", "dt", "dd", "tr", "td", "th", "option"];

/// The markup with every start tag deeper than [`MAX_DEPTH`] dropped, with the end tags that
/// would close them; the text stays. html5ever checks the stack of open elements on each start
/// tag, so tens of thousands of nested elements cost it the square of their depth: bounded here
/// by one linear pass first. Markup within the bound comes back untouched.
fn bounded_depth(html: &str) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut open: Vec<String> = Vec::new();
    let mut dropped_open = 0usize;
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(offset) = html[i..].find('<') {
        let start = i + offset;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(html.len(), |e| start + e + 3);
            continue;
        }
        let closing = rest.as_bytes().get(1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_len = bytes[name_start.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let Some(gt) = html[name_start..].find('>') else {
            break;
        };
        let end = name_start + gt + 1;
        if name_len == 0 {
            i = start + 1;
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let mut drop_tag = false;
        let mut next = end;
        if closing {
            if dropped_open > 0 {
                dropped_open -= 1;
                drop_tag = true;
            } else if let Some(at) = open.iter().rposition(|n| *n == name) {
                open.truncate(at);
            }
        } else if !(VOID.contains(&name.as_str()) || bytes[end - 2] == b'/') {
            if SELF_CLOSING_SIBLINGS.contains(&name.as_str()) && open.last() == Some(&name) {
                open.pop();
            }
            if open.len() >= MAX_DEPTH {
                dropped_open += 1;
                drop_tag = true;
            } else {
                open.push(name.clone());
            }
            if RAW_TEXT.contains(&name.as_str()) {
                next = raw_text_end(html, end, &name);
            }
        }
        if drop_tag {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..start]);
            copied = end;
        }
        i = next;
    }
    match out {
        None => std::borrow::Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            std::borrow::Cow::Owned(o)
        }
    }
}

/// Where the end tag of a raw-text element starts (any case), or the end of the input.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let mut i = from;
    while let Some(offset) = html[i..].find("</") {
        let at = i + offset;
        let candidate = html.get(at + 2..at + 2 + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name)) {
            return at;
        }
        i = at + 2;
    }
    html.len()
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
    fn markup_within_the_depth_bound_is_untouched() {
        let html = "<div><p>One<p>Two<ul><li>a<li>b</ul><script>if (a<b) {}</script></div>";
        assert!(matches!(bounded_depth(html), std::borrow::Cow::Borrowed(_)));
        let many_paragraphs = "<p>Text. ".repeat(5_000);
        assert!(matches!(
            bounded_depth(&many_paragraphs),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn deep_nesting_keeps_its_text_and_the_depth_bound() {
        let n = 20_000;
        let html = format!(
            "{}deep text{}<p>after</p>",
            "<div><b>".repeat(n),
            "</b></div>".repeat(n)
        );
        let bounded = bounded_depth(&html);
        assert_eq!(
            bounded.matches("<div>").count() + bounded.matches("<b>").count(),
            MAX_DEPTH
        );
        let text = crate::prepare::normalize::normalize(&html_to_text(&html));
        assert_eq!(text, "deep text\n\nafter");
        // Unclosed elements too.
        let text = html_to_text(&format!("{}unclosed", "<span>".repeat(n)));
        assert_eq!(text.trim(), "unclosed");
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
