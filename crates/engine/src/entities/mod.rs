//! Named entities with a BERT token classifier (CoNLL-03 labels): word labels from rust-bert,
//! merged here from B-/I- pieces into whole entities with char spans into the tagged text.

pub(crate) mod python_text;
pub mod razdel;
pub mod slovnet;
pub mod windows;

use rust_bert::pipelines::common::ModelType;
use rust_bert::pipelines::token_classification::{
    LabelAggregationOption, Token, TokenClassificationConfig, TokenClassificationModel,
};
use rust_bert::resources::LocalResource;
use tch::Device;

use crate::error::Result;
use svodka_analysis::{CharIndex, Entity, EntityKind, Span};
use svodka_manifest::ModelFiles;

use crate::models::{files, weights, Precision};

pub struct Tagger {
    model: TokenClassificationModel,
    /// Word pieces one pass of the model takes: its positions less `[CLS]` and `[SEP]`.
    window: usize,
}

impl Tagger {
    pub fn load(files: &ModelFiles, precision: Precision) -> Result<Tagger> {
        let bert: rust_bert::bert::BertConfig = files::read_config(files)?;
        let window = (bert.max_position_embeddings as usize)
            .saturating_sub(2)
            .max(1);
        let mut config = TokenClassificationConfig::new(
            ModelType::Bert,
            weights::plain(files),
            LocalResource::from(files.config.clone()),
            LocalResource::from(files.tokenizer[0].clone()),
            None,
            false,
            Some(false),
            None,
            LabelAggregationOption::First,
        );
        config.device = Device::Cpu;
        let model = precision.build(
            files,
            || TokenClassificationModel::new(config),
            |model| {
                model.predict(&["Warm-up."], false, false);
                Ok(())
            },
        )?;
        Ok(Tagger { model, window })
    }

    /// Word-piece labels (no special tokens), as transformers' token classification gives them.
    pub fn piece_labels(&self, texts: &[&str]) -> Vec<Vec<Token>> {
        self.model.predict(texts, false, false)
    }

    /// Whole entities in a text of any length, one model window at a time ([`windows`]), calling
    /// `step` with the share done after each: a long article can be cancelled between windows.
    pub fn tag_text(
        &self,
        text: &str,
        sentences: &[Span],
        step: &mut dyn FnMut(f32) -> Result<()>,
    ) -> Result<Vec<Entity>> {
        let tokenizer = self.model.get_tokenizer();
        let windows = windows::windows(text, sentences, self.window, |s| {
            tokenizer.tokenize(s).len()
        });
        let index = CharIndex::new(text);
        let mut out = Vec::new();
        for (n, window) in windows.iter().enumerate() {
            for mut entity in self.tag(&[index.slice(*window)]).remove(0) {
                entity.span.start += window.start;
                entity.span.end += window.start;
                out.push(entity);
            }
            step((n + 1) as f32 / windows.len() as f32)?;
        }
        Ok(out)
    }

    /// Whole entities in each text.
    pub fn tag(&self, texts: &[&str]) -> Vec<Vec<Entity>> {
        self.model
            .predict(texts, true, false)
            .into_iter()
            .zip(texts)
            .map(|(words, text)| merge(&words, text))
            .collect()
    }
}

/// B-X starts an entity, I-X continues an open X entity (or starts one, as transformers' "simple"
/// aggregation does when a B- is missing); anything else closes it.
pub fn merge(words: &[Token], text: &str) -> Vec<Entity> {
    struct Open {
        kind: EntityKind,
        start: usize,
        end: usize,
        scores: Vec<f64>,
    }
    let mut out = Vec::new();
    let mut open: Option<Open> = None;
    let index = CharIndex::new(text);
    let chars = text.chars().count();
    // Where the last word taken ended: words come in text order, and one that does not (or lies
    // outside the text) is dropped rather than turned into a span that ends before it starts.
    let mut done = 0;
    let close = |o: Open, out: &mut Vec<Entity>| {
        let span = Span {
            start: o.start,
            end: o.end,
        };
        out.push(Entity::new(o.kind, span, &index, &o.scores));
    };
    for w in words {
        let Some(offset) = w.offset else { continue };
        let (prefix, tag) = w.label.split_once('-').unwrap_or((w.label.as_str(), ""));
        let kind = EntityKind::from_tag(tag);
        let (start, end) = (offset.begin as usize, offset.end as usize);
        if start < done || end <= start || end > chars {
            continue;
        }
        done = end;
        match (prefix, kind, open.as_mut()) {
            ("I", Some(k), Some(o)) if o.kind == k => {
                o.end = end;
                o.scores.push(w.score);
            }
            ("B" | "I", Some(k), _) => {
                if let Some(o) = open.take() {
                    close(o, &mut out);
                }
                open = Some(Open {
                    kind: k,
                    start,
                    end,
                    scores: vec![w.score],
                });
            }
            _ => {
                if let Some(o) = open.take() {
                    close(o, &mut out);
                }
            }
        }
    }
    if let Some(o) = open {
        close(o, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_tokenizers::{Mask, Offset};

    fn word(text: &str, label: &str, begin: u32, end: u32) -> Token {
        Token {
            text: text.into(),
            score: 0.5,
            label: label.into(),
            label_index: 0,
            sentence: 0,
            index: 0,
            word_index: 0,
            offset: Some(Offset { begin, end }),
            mask: Mask::None,
        }
    }

    #[test]
    fn merges_b_and_i_pieces_into_entities() {
        let text = "Мэр Сергей Собянин посетил Москву и ООН";
        let words = [
            word("Мэр", "O", 0, 3),
            word("Сергей", "B-PER", 4, 10),
            word("Собянин", "I-PER", 11, 18),
            word("посетил", "O", 19, 26),
            word("Москву", "I-LOC", 27, 33),
            word("и", "O", 34, 35),
            word("ООН", "B-ORG", 36, 39),
        ];
        let e = merge(&words, text);
        assert_eq!(e.len(), 3);
        assert_eq!(
            (e[0].kind, e[0].text.as_str(), e[0].span),
            (
                EntityKind::Person,
                "Сергей Собянин",
                Span { start: 4, end: 18 }
            )
        );
        assert_eq!(
            (e[1].kind, e[1].text.as_str()),
            (EntityKind::Location, "Москву")
        );
        assert_eq!(
            (e[2].kind, e[2].text.as_str()),
            (EntityKind::Organisation, "ООН")
        );
    }

    #[test]
    fn a_new_b_or_a_different_type_splits_entities() {
        let text = "Paris London Berlin";
        let words = [
            word("Paris", "B-LOC", 0, 5),
            word("London", "B-LOC", 6, 12),
            word("Berlin", "I-ORG", 13, 19),
        ];
        let kinds: Vec<_> = merge(&words, text)
            .into_iter()
            .map(|e| (e.kind, e.text))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (EntityKind::Location, "Paris".to_string()),
                (EntityKind::Location, "London".to_string()),
                (EntityKind::Organisation, "Berlin".to_string())
            ]
        );
    }

    #[test]
    fn words_out_of_order_or_outside_the_text_are_dropped() {
        let text = "Paris and Berlin";
        let words = [
            word("Paris", "B-LOC", 0, 5),
            word("Paris", "I-LOC", 0, 5),
            word("and", "B-ORG", 3, 2),
            word("Berlin", "B-LOC", 10, 16),
            word("?", "I-LOC", 16, 40),
        ];
        let spans: Vec<_> = merge(&words, text)
            .into_iter()
            .map(|e| (e.text, e.span.start, e.span.end))
            .collect();
        assert_eq!(
            spans,
            vec![("Paris".to_string(), 0, 5), ("Berlin".to_string(), 10, 16)]
        );
    }
}
