//! The English NER on an article longer than one batch of windows (issue 16, class 4). rust-bert
//! tags a long text in overlapping 512-piece windows, 64 to a batch; it used to read every later
//! batch's labels through the first batch's windows, so past ~24,000 word pieces the labels
//! landed on the wrong offsets (duplicated, out of order, spans ending before they start).

mod common;

use common::files;
use svodka_analysis::{CharIndex, Entity, Role, Span};
use svodka_engine::entities::Tagger;
use svodka_engine::models::Precision;
use svodka_engine::EngineError;

const SENTENCES: [&str; 4] = [
    "Angela Merkel met Emmanuel Macron in Paris on Tuesday to discuss the budget.",
    "The European Commission said Gazprom would cut supplies to Poland and Bulgaria.",
    "Officials in Washington declined to comment on the talks, Reuters reported.",
    "Prices rose by 4.5% in March, the statistics office in Wiesbaden said.",
];

/// About 70 windows' worth of word pieces: past the first batch of 64.
fn long_article() -> String {
    (0..2_400)
        .map(|i| SENTENCES[i % SENTENCES.len()])
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn every_word_piece_of_a_long_article_is_labelled_once_in_text_order() {
    let tagger = Tagger::load(&files("relu", Role::NerEn), Precision::F32).unwrap();
    let text = long_article();
    let chars: Vec<char> = text.chars().collect();
    let pieces = tagger.piece_labels(&[text.as_str()]).remove(0);
    assert!(
        pieces.len() > 64 * 382,
        "only {} pieces: not past one batch",
        pieces.len()
    );

    let mut covered = vec![false; chars.len()];
    let mut end = 0;
    for p in &pieces {
        let o = p.offset.expect("every piece has offsets");
        let (b, e) = (o.begin as usize, o.end as usize);
        assert!(
            b >= end && e > b && e <= chars.len(),
            "piece {b}..{e} after {end}"
        );
        let slice: String = chars[b..e].iter().collect();
        assert_eq!(
            slice,
            p.text.trim_start_matches("##"),
            "the piece's text at {b}..{e}"
        );
        covered[b..e].iter_mut().for_each(|c| *c = true);
        end = e;
    }
    let missed = chars
        .iter()
        .zip(&covered)
        .position(|(c, &cov)| !c.is_whitespace() && !cov);
    assert_eq!(missed, None, "every non-space char is in some piece");
}

#[test]
fn entities_of_a_long_article_lie_inside_it_in_order() {
    let tagger = Tagger::load(&files("relu", Role::NerEn), Precision::F32).unwrap();
    let text = long_article();
    assert_in_order(&text, &tagger.tag(&[text.as_str()]).remove(0));
}

fn assert_in_order(text: &str, entities: &[Entity]) {
    let index = CharIndex::new(text);
    let mut end = 0;
    for e in entities {
        assert!(
            e.span.start >= end && e.span.end > e.span.start,
            "{e:?} after {end}"
        );
        assert_eq!(e.text, index.slice(e.span));
        end = e.span.end;
    }
    assert!(end <= text.chars().count());
}

/// The article's sentences as the pipeline has them: spans of the joined text.
fn sentence_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start = 0;
    for s in text.split_inclusive(". ") {
        let n = s.trim_end().chars().count();
        spans.push(Span {
            start,
            end: start + n,
        });
        start += s.chars().count();
    }
    spans
}

/// The engine tags a long article one model window at a time, so a job is cancelled between
/// windows (a real-size bert-base-NER takes ~0.8 s for one) instead of after the whole article.
#[test]
fn a_long_article_is_tagged_window_by_window_and_stops_when_told() {
    let tagger = Tagger::load(&files("relu", Role::NerEn), Precision::F32).unwrap();
    let text = long_article();
    let sentences = sentence_spans(&text);
    assert_eq!(sentences.len(), 2_400);

    let mut steps = Vec::new();
    let entities = tagger
        .tag_text(&text, &sentences, &mut |f| {
            steps.push(f);
            Ok(())
        })
        .unwrap();
    assert_in_order(&text, &entities);
    assert!(!entities.is_empty());
    // ~17 pieces a sentence, 510 a window.
    assert!(steps.len() > 64, "{} windows", steps.len());
    assert!(steps.windows(2).all(|p| p[0] < p[1]));
    assert_eq!(steps.last(), Some(&1.0));

    let mut calls = 0;
    let stopped = tagger.tag_text(&text, &sentences, &mut |_| {
        calls += 1;
        if calls == 3 {
            Err(EngineError::Cancelled)
        } else {
            Ok(())
        }
    });
    assert!(matches!(stopped, Err(EngineError::Cancelled)));
    assert_eq!(calls, 3, "no window is tagged after the stop");
}

/// A text that fits one window is tagged exactly as the model tags it whole.
#[test]
fn a_short_text_is_one_window() {
    let tagger = Tagger::load(&files("relu", Role::NerEn), Precision::F32).unwrap();
    let text = SENTENCES.join(" ");
    let mut steps = 0;
    let windowed = tagger
        .tag_text(&text, &sentence_spans(&text), &mut |_| {
            steps += 1;
            Ok(())
        })
        .unwrap();
    assert_eq!(steps, 1);
    assert_eq!(windowed, tagger.tag(&[text.as_str()]).remove(0));
}
