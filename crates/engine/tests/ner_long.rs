//! The English NER on an article longer than one batch of windows (issue 16, class 4). rust-bert
//! tags a long text in overlapping 512-piece windows, 64 to a batch; it used to read every later
//! batch's labels through the first batch's windows, so past ~24,000 word pieces the labels
//! landed on the wrong offsets (duplicated, out of order, spans ending before they start).

mod common;

use common::files;
use svodka_analysis::{CharIndex, Role};
use svodka_engine::entities::Tagger;
use svodka_engine::models::Precision;

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
    assert!(pieces.len() > 64 * 382, "only {} pieces: not past one batch", pieces.len());

    let mut covered = vec![false; chars.len()];
    let mut end = 0;
    for p in &pieces {
        let o = p.offset.expect("every piece has offsets");
        let (b, e) = (o.begin as usize, o.end as usize);
        assert!(b >= end && e > b && e <= chars.len(), "piece {b}..{e} after {end}");
        let slice: String = chars[b..e].iter().collect();
        assert_eq!(slice, p.text.trim_start_matches("##"), "the piece's text at {b}..{e}");
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
    let index = CharIndex::new(&text);
    let entities = tagger.tag(&[text.as_str()]).remove(0);
    let mut end = 0;
    for e in &entities {
        assert!(e.span.start >= end && e.span.end > e.span.start, "{e:?} after {end}");
        assert_eq!(e.text, index.slice(e.span));
        end = e.span.end;
    }
    assert!(end <= text.chars().count());
}
