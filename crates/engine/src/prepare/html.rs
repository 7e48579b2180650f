//! Pasting from a browser often brings HTML along; readers want the article's text.

use scraper::{node::Node, Html};

/// Inline elements common in pasted articles (block and skipped ones are listed below).
const INLINE: &[&str] = &[
    "html", "body", "br", "span", "a", "strong", "em", "b", "i", "td", "meta", "title",
];

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "math", "iframe", "button", "nav",
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

/// True when the text is markup by its structure: it opens (after white space, a byte-order mark
/// or comments) with a doctype or a tag of the elements that make up pages (html, p, div, a, br,
/// …), and has at least two such tags. An article that quotes markup in its prose — a security
/// story quoting `<script>` payloads, a tutorial quoting `<div>`s — starts with prose and stays
/// text: taken for HTML, its quoted elements would hide parts of it.
pub fn looks_like_html(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let mut head = lower.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    while head.starts_with("<!--") {
        let Some(end) = head.find("-->") else {
            return false;
        };
        head = head[end + 3..].trim_start();
    }
    if head.starts_with("<!doctype html") {
        return true;
    }
    if !head.starts_with('<') || !structural_tag(head) {
        return false;
    }
    lower
        .match_indices('<')
        .filter(|(i, _)| structural_tag(&lower[*i..]))
        .nth(1)
        .is_some()
}

/// Whether `at` (lower-cased, starting with '<') opens or closes an inline or block element.
/// `<script>`, `<style>` and the other skipped elements do not count.
fn structural_tag(at: &str) -> bool {
    let rest = at[1..].trim_start_matches('/');
    let name_len = rest
        .bytes()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    let name = &rest[..name_len];
    let after = rest[name_len..].chars().next();
    [INLINE, BLOCKS].iter().any(|list| list.contains(&name))
        && matches!(after, Some('>' | ' ' | '/' | '\n' | '\t' | '\r'))
}

/// An HTML paste's text, and what was done when its markup would have hidden text.
pub struct Extracted {
    pub text: String,
    pub note: Option<String>,
}

/// The paste's visible text. Elements whose content is never article text (scripts, svg, …) are
/// skipped — but one that the paste opens and never closes would swallow everything after it,
/// so such a start tag is dropped; and when skipping still leaves less than half of the paste's
/// text, the skipped elements' text is kept too (scripts and styles aside). Either way the note
/// says what was done: preparation never drops the reader's text without a word.
pub fn extract(html: &str) -> Extracted {
    let unclosed = left_open(html);
    let mut repaired = String::with_capacity(html.len());
    let mut copied = 0;
    for tag in &unclosed {
        repaired.push_str(&html[copied..tag.start]);
        copied = tag.end;
    }
    repaired.push_str(&html[copied..]);

    let first = html_to_text_skipping(&repaired, |name| SKIPPED.contains(&name));
    let mut notes = Vec::new();
    if !unclosed.is_empty() {
        let mut names: Vec<String> = unclosed.iter().map(|t| format!("<{}>", t.name)).collect();
        names.sort();
        names.dedup();
        notes.push(format!(
            "it left {} open, which would have hidden the text after it: read as closed",
            names.join(", ")
        ));
    }
    let text = if first.hidden_prose > first.kept {
        notes.push(
            "most of its text was inside elements that usually hold none (svg, iframe, \
             noscript, …): that text is kept"
                .to_string(),
        );
        html_to_text_skipping(&repaired, |name| ["script", "style"].contains(&name)).text
    } else {
        first.text
    };
    Extracted {
        text,
        note: (!notes.is_empty())
            .then(|| format!("The paste was read as HTML; {}.", notes.join("; "))),
    }
}

/// The visible text of an HTML fragment or document, one paragraph per block element.
pub fn html_to_text(html: &str) -> String {
    extract(html).text
}

struct Walked {
    text: String,
    /// Non-space characters kept.
    kept: usize,
    /// Non-space characters under skipped elements other than scripts, styles and the head.
    hidden_prose: usize,
}

fn html_to_text_skipping(html: &str, skip: impl Fn(&str) -> bool) -> Walked {
    let doc = Html::parse_document(&bounded_depth(html));
    let mut out = String::new();
    let mut kept = 0;
    let mut hidden_prose = 0;
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
                kept += visible(t);
                out.push_str(t);
                continue;
            }
            Node::Element(e) => {
                let name = e.name();
                if skip(name) {
                    if !["script", "style", "head"].contains(&name) {
                        hidden_prose += node
                            .descendants()
                            .filter_map(|d| d.value().as_text().map(|t| visible(t)))
                            .sum::<usize>();
                    }
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
    Walked {
        text: out,
        kept,
        hidden_prose,
    }
}

fn visible(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// Start tags of skipped elements that the markup never closes (outside comments and raw
/// text), in text order: one of them left open holds everything after it.
fn left_open(html: &str) -> Vec<Tag> {
    let mut open: Vec<Vec<Tag>> = SKIPPED.iter().map(|_| Vec::new()).collect();
    for tag in Tags::new(html) {
        if let Some(k) = SKIPPED.iter().position(|n| *n == tag.name) {
            if tag.closing {
                open[k].pop();
            } else if !tag.self_closing {
                open[k].push(tag);
            }
        }
    }
    let mut unclosed: Vec<Tag> = open.into_iter().flatten().collect();
    unclosed.sort_by_key(|t| t.start);
    unclosed
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

/// A tag in the markup, as [`Tags`] finds it.
struct Tag {
    /// Lower-cased.
    name: String,
    closing: bool,
    /// A void element (`<br>`) or one written `<x/>`: it opens nothing.
    self_closing: bool,
    /// Byte offsets of `<` and one past `>`.
    start: usize,
    end: usize,
}

/// The tags of a markup, in one linear pass: comments and the content of raw-text elements
/// (`<script>if (a<b)…</script>`) are skipped, as a browser's tokenizer skips them.
struct Tags<'h> {
    html: &'h str,
    at: usize,
}

impl<'h> Tags<'h> {
    fn new(html: &'h str) -> Tags<'h> {
        Tags { html, at: 0 }
    }
}

impl Iterator for Tags<'_> {
    type Item = Tag;

    fn next(&mut self) -> Option<Tag> {
        let html = self.html;
        let bytes = html.as_bytes();
        loop {
            let start = self.at + html[self.at..].find('<')?;
            let rest = &html[start..];
            if rest.starts_with("<!--") {
                self.at = rest.find("-->").map_or(html.len(), |e| start + e + 3);
                continue;
            }
            let closing = bytes.get(start + 1) == Some(&b'/');
            let name_start = start + 1 + usize::from(closing);
            let name_len = bytes[name_start.min(bytes.len())..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            let gt = html[name_start..].find('>')?;
            let end = name_start + gt + 1;
            if name_len == 0 {
                self.at = start + 1;
                continue;
            }
            let name = html[name_start..name_start + name_len].to_ascii_lowercase();
            let self_closing =
                !closing && (VOID.contains(&name.as_str()) || bytes[end - 2] == b'/');
            self.at = if !closing && !self_closing && RAW_TEXT.contains(&name.as_str()) {
                raw_text_end(html, end, &name)
            } else {
                end
            };
            return Some(Tag {
                name,
                closing,
                self_closing,
                start,
                end,
            });
        }
    }
}

/// The markup with every start tag deeper than [`MAX_DEPTH`] dropped, with the end tags that
/// would close them; the text stays. html5ever checks the stack of open elements on each start
/// tag, so tens of thousands of nested elements cost it the square of their depth: bounded here
/// by one linear pass first. Markup within the bound comes back untouched.
fn bounded_depth(html: &str) -> std::borrow::Cow<'_, str> {
    let mut open: Vec<String> = Vec::new();
    let mut dropped_open = 0usize;
    let mut out: Option<String> = None;
    let mut copied = 0;
    for tag in Tags::new(html) {
        let mut drop_tag = false;
        if tag.closing {
            if dropped_open > 0 {
                dropped_open -= 1;
                drop_tag = true;
            } else if let Some(at) = open.iter().rposition(|n| *n == tag.name) {
                open.truncate(at);
            }
        } else if !tag.self_closing {
            if SELF_CLOSING_SIBLINGS.contains(&tag.name.as_str()) && open.last() == Some(&tag.name)
            {
                open.pop();
            }
            if open.len() >= MAX_DEPTH {
                dropped_open += 1;
                drop_tag = true;
            } else {
                open.push(tag.name);
            }
        }
        if drop_tag {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..tag.start]);
            copied = tag.end;
        }
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
        assert!(looks_like_html(
            "\u{FEFF}<!-- saved page --><!DOCTYPE html><title>x</title>"
        ));
        assert!(looks_like_html("  <meta charset='utf-8'><p>Copied</p>"));
    }

    /// Class 11: plain text quoting markup stays text, whatever it quotes.
    #[test]
    fn prose_quoting_several_tags_is_not_html() {
        for quoted in [
            "The attackers hid <svg onload=alert(1)> in a <div> and a <p> of the comment form.",
            "Wrap it in <p> and <div>, then add <iframe src=x> and <template> for later.",
            "Researchers found <math><mi>x</mi> and <noscript><p>fallback</p> in the payload.",
        ] {
            let article = format!("{quoted} The rest of the story follows here. It says more.");
            assert!(!looks_like_html(&article), "{article}");
            let prepared = crate::prepare::prepare(&article).unwrap();
            assert_eq!(prepared.text, article);
            assert!(prepared.notes.is_empty());
        }
    }

    /// Class 11: real HTML that leaves an element open whose content is skipped keeps the text
    /// after it, and says so.
    #[test]
    fn an_element_left_open_does_not_swallow_the_article() {
        for open in [
            "<svg>",
            "<math>",
            "<iframe>",
            "<template>",
            "<noscript>",
            "<nav>",
            "<script>",
        ] {
            let html = format!(
                "<html><body><p>First paragraph of the story.</p>{open}\
                 <p>Second paragraph, which must not vanish.</p><p>Third one.</p></body></html>"
            );
            let out = extract(&html);
            assert!(
                out.text
                    .contains("Second paragraph, which must not vanish."),
                "{open}: {}",
                out.text
            );
            assert!(out.text.contains("Third one."), "{open}");
            let note = out.note.unwrap_or_default();
            assert!(note.contains(open), "{open}: {note}");
        }
    }

    #[test]
    fn closed_skipped_elements_stay_skipped_without_a_note() {
        let html = "<html><head><style>p{}</style></head><body><p>Story text here.</p>\
                    <svg><text>chart label</text></svg><script>var s = '<svg>';</script>\
                    <nav>Home News</nav><p>More story text.</p></body></html>";
        let out = extract(html);
        assert_eq!(
            crate::prepare::normalize::normalize(&out.text),
            "Story text here.\n\nMore story text."
        );
        assert!(out.note.is_none());
    }

    #[test]
    fn mostly_hidden_text_is_kept_with_a_note() {
        let story = "A long paragraph of the article that a page put inside a noscript block. ";
        let html = format!(
            "<div><p>Menu</p><noscript>{}</noscript></div>",
            story.repeat(5)
        );
        let out = extract(&html);
        assert!(out.text.contains(story.trim()));
        assert!(out.note.is_some());
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
