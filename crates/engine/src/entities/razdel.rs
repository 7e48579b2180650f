//! A port of razdel 0.5.0's word tokeniser (`razdel.tokenize`), which slovnet's Russian NER is
//! trained on: tokens must match razdel's exactly for the port's entities to match slovnet's.
//!
//! razdel cuts text into atoms — runs of Cyrillic letters, runs of Latin letters, runs of digits,
//! single punctuation marks, single other characters — and joins neighbouring atoms that touch
//! (no space between) when a rule says so: dashes and underscores inside words ("кто-то",
//! "snake_case"), decimal and fraction numbers ("1,5", "1/2"), runs of sentence endings ("?!",
//! "..."), smileys, "--" and "**", symbols glued to letters ("ΔP"), and "Yahoo!".
//! Checked token for token against razdel on models/fixtures/slovnet/expected.json.

use super::python_text::{is_digit, is_lat, is_ru, is_space};

/// A token: char offsets (start, stop) into the text, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub stop: usize,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Ru,
    Lat,
    Int,
    Punct,
    Other,
}

#[derive(Debug, Clone)]
struct Atom {
    start: usize,
    stop: usize,
    kind: Kind,
    text: String,
}

const DASHES: &str = "‑–—−-";
const ENDINGS: &str = ".?!…";
/// razdel's PUNCTS: string punctuation it knows, dashes, quotes and brackets. Its open brackets
/// are "([}" — "{" is not among them, so "{" is an "other" character, as in razdel.
const PUNCTS: &str = "\\/!#$%&*+,.:;<=>?@^_`|~№…‑–—−-«“‘»”’\"„'([})]}";

fn atoms(text: &str) -> Vec<Atom> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_space(c) {
            i += 1;
            continue;
        }
        let run = |test: fn(char) -> bool| {
            let mut j = i;
            while j < chars.len() && test(chars[j]) {
                j += 1;
            }
            j
        };
        let (kind, stop) = if is_ru(c) {
            (Kind::Ru, run(is_ru))
        } else if is_lat(c) {
            (Kind::Lat, run(is_lat))
        } else if is_digit(c) {
            (Kind::Int, run(is_digit))
        } else if PUNCTS.contains(c) {
            (Kind::Punct, i + 1)
        } else {
            (Kind::Other, i + 1)
        };
        out.push(Atom {
            start: i,
            stop,
            kind,
            text: chars[i..stop].iter().collect(),
        });
        i = stop;
    }
    out
}

/// The atoms around one split point: up to three on each side, nearest first on the right and
/// last on the left, plus the token built so far.
struct Split<'a> {
    left: &'a [Atom],
    right: &'a [Atom],
    buffer: &'a str,
}

impl Split<'_> {
    fn left_1(&self) -> &Atom {
        &self.left[self.left.len() - 1]
    }
    fn left_2(&self) -> Option<&Atom> {
        self.left.len().checked_sub(2).map(|i| &self.left[i])
    }
    fn right_1(&self) -> &Atom {
        &self.right[0]
    }
    fn right_2(&self) -> Option<&Atom> {
        self.right.get(1)
    }
}

/// razdel's "2112" rules: `a-|b` and `a|-b` look past the delimiter atom to the atoms around it.
fn rule_2112(split: &Split, delimiters: &str, rule: fn(&Atom, &Atom) -> bool) -> bool {
    let is_delimiter =
        |a: &Atom| a.text.chars().count() == 1 && delimiters.contains(a.text.as_str());
    let (left, right) = if is_delimiter(split.left_1()) {
        (split.left_2(), Some(split.right_1()))
    } else if is_delimiter(split.right_1()) {
        (Some(split.left_1()), split.right_2())
    } else {
        return false;
    };
    matches!((left, right), (Some(l), Some(r)) if rule(l, r))
}

fn no_punct(l: &Atom, r: &Atom) -> bool {
    l.kind != Kind::Punct && r.kind != Kind::Punct
}

fn both_int(l: &Atom, r: &Atom) -> bool {
    l.kind == Kind::Int && r.kind == Kind::Int
}

/// `^[=:;]-?[)(]{1,3}$`
fn is_smile(s: &str) -> bool {
    let c: Vec<char> = s.chars().collect();
    if c.is_empty() || !matches!(c[0], '=' | ':' | ';') {
        return false;
    }
    let rest = if c.get(1) == Some(&'-') {
        &c[2..]
    } else {
        &c[1..]
    };
    (1..=3).contains(&rest.len()) && rest.iter().all(|&x| x == ')' || x == '(')
}

fn punct(split: &Split) -> bool {
    let (l, r) = (split.left_1(), split.right_1());
    if l.kind != Kind::Punct || r.kind != Kind::Punct {
        return false;
    }
    // A smile is at most five ASCII characters; looking only then keeps a long run of
    // punctuation ("!!!!…", "....") linear instead of copying the whole run at every atom.
    if split.buffer.len() + r.text.len() <= 5 && is_smile(&format!("{}{}", split.buffer, r.text)) {
        return true;
    }
    if ENDINGS.contains(l.text.as_str()) && ENDINGS.contains(r.text.as_str()) {
        return true;
    }
    matches!(format!("{}{}", l.text, r.text).as_str(), "--" | "**")
}

fn other(split: &Split) -> bool {
    let (l, r) = (split.left_1().kind, split.right_1().kind);
    let letter_or_other = |k| matches!(k, Kind::Other | Kind::Ru | Kind::Lat);
    (l == Kind::Other && letter_or_other(r)) || (letter_or_other(l) && r == Kind::Other)
}

fn yahoo(split: &Split) -> bool {
    split.left_1().text.to_lowercase() == "yahoo" && split.right_1().text == "!"
}

fn join(split: &Split) -> bool {
    rule_2112(split, DASHES, no_punct)
        || rule_2112(split, "_", no_punct)
        || rule_2112(split, ".,", both_int)
        || rule_2112(split, "/\\", both_int)
        || punct(split)
        || other(split)
        || yahoo(split)
}

const WINDOW: usize = 3;

pub fn tokenize(text: &str) -> Vec<Token> {
    let atoms = atoms(text);
    let mut tokens: Vec<Token> = Vec::new();
    let mut buffer = String::new();
    let mut start = 0;
    for (i, atom) in atoms.iter().enumerate() {
        if i == 0 {
            buffer.push_str(&atom.text);
            start = atom.start;
            continue;
        }
        let touching = atoms[i - 1].stop == atom.start;
        let split = Split {
            left: &atoms[i.saturating_sub(WINDOW)..i],
            right: &atoms[i..(i + WINDOW).min(atoms.len())],
            buffer: &buffer,
        };
        if touching && join(&split) {
            buffer.push_str(&atom.text);
        } else {
            tokens.push(Token {
                start,
                stop: atoms[i - 1].stop,
                text: std::mem::take(&mut buffer),
            });
            buffer.push_str(&atom.text);
            start = atom.start;
        }
    }
    if let Some(last) = atoms.last() {
        tokens.push(Token {
            start,
            stop: last.stop,
            text: buffer,
        });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn joins_what_razdel_joins() {
        assert_eq!(
            texts("Кто-то сказал: 1,5 или 1/2?!"),
            ["Кто-то", "сказал", ":", "1,5", "или", "1/2", "?!"]
        );
        // razdel joins ";(" and "=)" but not ":-)" (":-" is not a smile yet when it decides).
        assert_eq!(
            texts("Смайл ;(( и :-) yahoo!"),
            ["Смайл", ";((", "и", ":", "-", ")", "yahoo!"]
        );
        assert_eq!(texts("ΔP H2O"), ["ΔP", "H", "2", "O"]);
    }

    #[test]
    fn offsets_are_chars() {
        let t = tokenize("Мэр  Москвы.");
        assert_eq!((t[1].start, t[1].stop), (5, 11));
        assert_eq!(t[2].text, ".");
    }
}
