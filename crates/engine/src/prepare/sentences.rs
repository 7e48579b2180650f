//! Sentence splitting for English and Russian news text.
//!
//! A rule-based splitter: a sentence ends at `.`, `!`, `?` or `…` (plus closing quotes and
//! brackets) followed by whitespace and something that can start a sentence, unless the word before
//! the dot is an initial ("В. В. Путин", "J. K. Rowling") or a known abbreviation ("Mr.", "U.S.",
//! "т.е."). Line breaks always end a sentence: pasted articles put headlines and paragraphs on
//! lines of their own.

use svodka_analysis::Span;

/// Abbreviations that are never the end of a sentence: titles before names, "e.g."-like
/// connectives, and dotted country names. Compared in lower case without the final dot.
const NEVER_FINAL: &[&str] = &[
    // English
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "mt",
    "gen",
    "sen",
    "rep",
    "gov",
    "rev",
    "capt",
    "lt",
    "col",
    "sgt",
    "cpl",
    "adm",
    "pres",
    "supt",
    "det",
    "insp",
    "hon",
    "messrs",
    "mme",
    "mlle",
    "no",
    "nos",
    "vs",
    "v",
    "e.g",
    "i.e",
    "cf",
    "approx",
    "fig",
    "u.s",
    "u.k",
    "u.n",
    "u.s.a",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    // Russian
    "т.е",
    "т.к",
    "т.н",
    "т.ч",
    "напр",
    "ул",
    "пр",
    "просп",
    "пер",
    "пл",
    "наб",
    "им",
    "проф",
    "акад",
    "ген",
    "св",
    "тов",
    "гр",
    "пос",
    "дер",
    "обл",
    "р-н",
    "ст",
    "кв",
    "корп",
    "зам",
    "нач",
    "пред",
    "ред",
    "изд",
    "см",
    "ср",
    "рис",
    "табл",
    "гл",
    "ок",
];

/// Abbreviations that can end a sentence ("... 400 млрд руб. Программа"): a boundary when the
/// next word starts with a capital letter.
const MAY_BE_FINAL: &[&str] = &[
    "etc", "inc", "ltd", "co", "corp", "jr", "sr", "a.m", "p.m", "bn", "m", "т.д", "т.п", "др",
    "руб", "коп", "долл", "тыс", "млн", "млрд", "трлн", "гг", "г", "чел", "шт", "км", "кг",
];

/// Splits `text` into sentence spans (char offsets), trimmed, never empty.
pub fn split_sentences(text: &str) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    let mut spans = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            push_trimmed(&chars, start, i, &mut spans);
            start = i + 1;
        } else if matches!(c, '.' | '!' | '?' | '…') {
            // Take the whole run of terminal punctuation and closing quotes/brackets.
            let mut end = i + 1;
            while end < chars.len()
                && (matches!(chars[end], '.' | '!' | '?' | '…') || is_closer(chars[end]))
            {
                end += 1;
            }
            if is_boundary(&chars, start, i, end) {
                push_trimmed(&chars, start, end, &mut spans);
                start = end;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(&chars, start, chars.len(), &mut spans);
    spans
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '“')
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '(' | '[' | '—' | '–' | '-' | '„'
    )
}

/// `dot` is the first terminal character, `end` is past the punctuation run.
fn is_boundary(chars: &[char], start: usize, dot: usize, end: usize) -> bool {
    // Must be followed by whitespace (or the end of the text).
    let Some(&after) = chars.get(end) else {
        return true;
    };
    if !after.is_whitespace() {
        return false;
    }
    let next = chars[end..]
        .iter()
        .copied()
        .find(|c| !c.is_whitespace() || *c == '\n');
    let Some(next) = next else { return true };
    if next == '\n' {
        return true;
    }
    let next_starts = next.is_uppercase() || next.is_ascii_digit() || is_opener(next);
    if !next_starts {
        return false;
    }
    // "?", "!" and "…" end sentences regardless of the word before them.
    if chars[dot] != '.' {
        return true;
    }
    let word = word_before(chars, start, dot);
    let lower = word.to_lowercase();
    if is_initial(&word) {
        return false;
    }
    if NEVER_FINAL.contains(&lower.as_str()) {
        return false;
    }
    if MAY_BE_FINAL.contains(&lower.as_str()) {
        // "г." after a number is "год" (year), which often ends a sentence; without a number it
        // is "город" (city) before a name.
        if lower == "г" {
            return number_before(chars, start, dot, word.chars().count());
        }
        return true;
    }
    // Dotted acronyms not listed ("U.S.A.", "т.е.") are treated as abbreviations inside a sentence
    // only when the next word is lower case, which was handled above; so this is a boundary.
    true
}

/// The word that ends right before position `dot`, including inner dots ("U.S", "т.е").
fn word_before(chars: &[char], start: usize, dot: usize) -> String {
    let mut b = dot;
    while b > start
        && (chars[b - 1].is_alphanumeric() || chars[b - 1] == '.' || chars[b - 1] == '-')
    {
        b -= 1;
    }
    chars[b..dot]
        .iter()
        .collect::<String>()
        .trim_start_matches(['.', '-'])
        .to_string()
}

/// A single capital letter: "J" in "J. K. Rowling", "В" in "В. В. Путин".
fn is_initial(word: &str) -> bool {
    let mut cs = word.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
}

fn number_before(chars: &[char], start: usize, dot: usize, word_len: usize) -> bool {
    let mut k = dot - word_len;
    while k > start && chars[k - 1] == ' ' {
        k -= 1;
    }
    k > start && chars[k - 1].is_ascii_digit()
}

fn push_trimmed(chars: &[char], mut start: usize, mut end: usize, spans: &mut Vec<Span>) {
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if start < end {
        spans.push(Span { start, end });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        split_sentences(text)
            .iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn english_titles_initials_and_acronyms() {
        assert_eq!(
            split("Mr. Smith met Dr. J. K. Rowling in the U.S. Capitol. They talked. Did it work? Yes!"),
            vec!["Mr. Smith met Dr. J. K. Rowling in the U.S. Capitol.", "They talked.", "Did it work?", "Yes!"]
        );
    }

    #[test]
    fn russian_initials_and_abbreviations() {
        assert_eq!(
            split("Президент В. В. Путин прибыл в г. Казань, т.е. в столицу Татарстана. Визит продлится два дня."),
            vec!["Президент В. В. Путин прибыл в г. Казань, т.е. в столицу Татарстана.", "Визит продлится два дня."]
        );
    }

    #[test]
    fn year_abbreviation_and_currency_can_end_a_sentence() {
        assert_eq!(
            split("Программа рассчитана до 2030 г. Об этом сообщил мэр. Она стоит 400 млрд руб. Деньги есть."),
            vec!["Программа рассчитана до 2030 г.", "Об этом сообщил мэр.", "Она стоит 400 млрд руб.", "Деньги есть."]
        );
    }

    #[test]
    fn quotes_decimals_and_lowercase_continuations() {
        assert_eq!(
            split("He said: \"It is over.\" Prices rose 1.5 per cent. «Всё хорошо», — сказал он. a.b c."),
            vec!["He said: \"It is over.\"", "Prices rose 1.5 per cent.", "«Всё хорошо», — сказал он. a.b c."]
        );
    }

    #[test]
    fn line_breaks_end_sentences_and_spans_are_char_offsets() {
        let text = "Заголовок без точки\n\nПервое предложение. Второе";
        let spans = split_sentences(text);
        assert_eq!(
            split(text),
            vec!["Заголовок без точки", "Первое предложение.", "Второе"]
        );
        assert_eq!(spans[0], Span { start: 0, end: 19 });
    }

    #[test]
    fn empty_and_punctuation_only() {
        assert!(split_sentences("").is_empty());
        assert_eq!(split("..."), vec!["..."]);
    }
}
