//! Hostile inputs within the input limits (issue 16): the work must grow with the input, not
//! with its square, and nothing may overflow the engine thread's stack. Each check doubles an
//! input and compares two timings taken in the same run (no absolute time is asserted); one test
//! function, so that no other test of this file runs while it measures.

mod common;
#[path = "../../../tests/support/linear.rs"]
mod linear;

use common::files;
use linear::assert_linear;
use svodka_analysis::{Lang, Length, Role, Span};
use svodka_engine::entities::{razdel, windows, Tagger};
use svodka_engine::models::Precision;
use svodka_engine::prepare::{prepare, MAX_INPUT_BYTES};
use svodka_engine::summarise::extractive;

const TEXT: &str = "The central bank kept interest rates unchanged on Tuesday. Officials said \
                    inflation was slowing.";

fn nested(open: &str, close: &str, n: usize) -> String {
    format!("{}<p>{TEXT}</p>{}", open.repeat(n), close.repeat(n))
}

#[test]
fn hostile_inputs_cost_linear_time() {
    deep_markup_of_the_largest_size_allowed_on_a_small_stack();
    for (open, close) in [("<div>", "</div>"), ("<i><b>", ""), ("<li><ul>", "")] {
        assert_linear(
            &format!("class 1: nesting {open}"),
            |n| nested(open, close, n),
            100_000,
            |html| {
                prepare(html).expect("the article's text survives");
            },
        );
    }
    // Five-word sentences over 25 words: each word in a fifth of the sentences, the case that
    // made the similarity graph quadratic.
    const WORDS: [&str; 25] = [
        "bank", "rates", "market", "prices", "oil", "gas", "trade", "deal", "talks", "vote",
        "court", "law", "taxes", "wages", "jobs", "city", "port", "ships", "roads", "trains",
        "farms", "plants", "steel", "coal", "bonds",
    ];
    let tiny = |n: usize| {
        (0..n)
            .map(|i| {
                let group = 5 * (i % 5);
                let w = &WORDS[group..group + 5];
                format!("The {} {} {} {} {}.", w[0], w[1], w[2], w[3], w[4])
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_linear(
        "class 2: the extractive summariser on many tiny sentences",
        tiny,
        4_000,
        |text| {
            let sentences: Vec<&str> = text.split_inclusive(". ").collect();
            assert!(!extractive::summarise(&sentences, Lang::En, Length::Medium).is_empty());
        },
    );
    assert_linear(
        "class 2: preparing many tiny sentences",
        tiny,
        2_500,
        |text| {
            let prepared = prepare(text).unwrap();
            assert!(prepared.sentence_texts().len() >= 2_500);
        },
    );
    for run in ["!", ".", "?!", ":)", "-"] {
        assert_linear(
            &format!("class 3: a run of {run:?} in Russian text"),
            |n| format!("Путин сказал{}конец", run.repeat(n)),
            50_000,
            |text| {
                assert!(razdel::tokenize(text).len() >= 2);
            },
        );
    }
    english_ner_on_long_articles();
    // Prose that quotes tags is prose: no markup pass may be paid per quoted tag.
    assert_linear(
        "class 11: prose quoting tags",
        |n| {
            format!(
                "The attackers hid <iframe src=x> in a <b> tag. {}",
                TEXT.repeat(n)
            )
        },
        700,
        |text| {
            assert!(prepare(text).unwrap().text.contains("<iframe src=x>"));
        },
    );
}

/// The engine tags an article window by window: cutting it into windows and tagging them both
/// grow with the article, on the bit-exact fixture tagger.
fn english_ner_on_long_articles() {
    let article = |n: usize| {
        (0..n)
            .map(|i| ["Angela Merkel met Emmanuel Macron in Paris.", TEXT][i % 2])
            .collect::<Vec<_>>()
            .join(" ")
    };
    let sentences = |text: &str| {
        let mut spans = Vec::new();
        let mut start = 0;
        for s in text.split_inclusive(". ") {
            let n = s.chars().count();
            spans.push(Span {
                start,
                end: start + n,
            });
            start += n;
        }
        spans
    };
    assert_linear(
        "class 4: cutting an article into windows",
        article,
        4_000,
        |text| {
            let spans = sentences(text);
            assert!(
                windows::windows(text, &spans, 510, |s| s.split_whitespace().count()).len() > 1
            );
        },
    );
    let tagger = Tagger::load(&files("relu", Role::NerEn), Precision::F32).unwrap();
    assert_linear(
        "class 4: tagging an article window by window",
        article,
        200,
        |text| {
            let entities = tagger
                .tag_text(text, &sentences(text), &mut |_| Ok(()))
                .unwrap();
            assert!(!entities.is_empty());
        },
    );
}

fn deep_markup_of_the_largest_size_allowed_on_a_small_stack() {
    for (open, close) in [
        ("<div>", "</div>"),
        ("<span><b>", ""),
        ("<table><tr><td>", ""),
    ] {
        let n = (MAX_INPUT_BYTES - 1_000) / (open.len() + close.len());
        let html = nested(open, close, n);
        // The engine thread's stack is 2 MiB, like this one's.
        let prepared = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || prepare(&html).map(|p| p.text))
            .unwrap()
            .join()
            .expect("no stack overflow, no panic")
            .unwrap();
        assert_eq!(prepared, TEXT, "{open}");
    }
}
