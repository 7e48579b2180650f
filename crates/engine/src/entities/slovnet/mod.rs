//! Russian named entities with slovnet's news NER (natasha 1.6.0's `NewsNERTagger`), ported from
//! its numpy inference code: razdel tokens → word ids (lower-cased, navec vocabulary) and word
//! shapes → CNN → CRF → BIO tags PER/LOC/ORG → entity spans. MIT-licensed, 27 MB, runs without
//! libtorch; scripts/setup-slovnet.sh fetches it. Span for span equal to natasha on
//! models/fixtures/slovnet/expected.json.

mod crf;
mod network;
mod pack;
mod shape;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::razdel::{self, Token};
use crate::error::{EngineError, Result};
use network::Network;
use pack::{Navec, Pack};
use svodka_analysis::{CharIndex, Span};
use svodka_analysis::{Entity, EntityKind};

pub use shape::word_shape;

/// The two files natasha ships, as scripts/setup-slovnet.sh extracts them.
pub const NER_PACK: &str = "slovnet_ner_news_v1.tar";
pub const NAVEC_PACK: &str = "navec_news_v1_1B_250K_300d_100q.tar";
pub const ID: &str = "slovnet_ner_news_v1";
/// Where the packs come from, for the Analysis's list of models used.
pub const SOURCE: &str = "pypi:natasha==1.6.0";
pub const LICENCE: &str = "MIT";
/// Both packs on disk (the wheel they come from is 34 MB).
pub const SIZE_MB: u32 = 29;

/// Where slovnet's packs are: `$SVODKA_SLOVNET`, else the repository's third_party/slovnet that
/// scripts/setup-slovnet.sh fills (a packaged app passes its own).
pub fn default_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SVODKA_SLOVNET").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../third_party/slovnet"
    ))
}

pub struct Slovnet {
    network: Network,
    words: HashMap<String, usize>,
    unk_word: usize,
    shapes: HashMap<String, usize>,
    tags: Vec<String>,
}

/// One token and the tag slovnet gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct TaggedToken {
    pub token: Token,
    pub tag: String,
    /// The CRF's marginal probability of that tag.
    pub probability: f64,
}

impl Slovnet {
    /// Are both packs in `dir`? Cheap: looks at files only.
    pub fn is_installed(dir: &Path) -> bool {
        [NER_PACK, NAVEC_PACK].iter().all(|f| dir.join(f).is_file())
    }

    /// Loads the two packs from `dir` (about 0.3 s).
    pub fn load(dir: &Path) -> Result<Slovnet> {
        let unreadable = |reason: String| EngineError::ModelUnreadable {
            id: ID.into(),
            dir: dir.to_path_buf(),
            reason,
        };
        let missing: Vec<&str> = [NER_PACK, NAVEC_PACK]
            .into_iter()
            .filter(|f| !dir.join(f).is_file())
            .collect();
        if !missing.is_empty() {
            return Err(EngineError::ModelMissing {
                id: ID.into(),
                role: "Russian entity tagger".into(),
                dir: dir.to_path_buf(),
                hint: format!("{} missing; {}", missing.join(" and "), install_hint()),
            });
        }
        Self::from_packs(&dir.join(NER_PACK), &dir.join(NAVEC_PACK)).map_err(unreadable)
    }

    fn from_packs(ner_path: &Path, navec_path: &Path) -> pack::PackResult<Slovnet> {
        let ner = Pack::open(ner_path)?;
        if ner.meta_id()? != ID {
            return Err(format!("{NER_PACK} is not {ID}"));
        }
        let navec_pack = Pack::open(navec_path)?;
        let navec_id = navec_pack.meta_id()?;
        let json: pack::NerJson = ner.json("model.json")?;
        if json.emb.word.id != navec_id {
            return Err(format!(
                "the NER needs navec {}, {NAVEC_PACK} holds {navec_id}",
                json.emb.word.id
            ));
        }
        let navec = Navec::from_pq(navec_pack.bytes("pq.bin")?)?;
        drop(navec_pack);
        let network = Network::load(&ner, &json, navec)?;

        let words = ner.vocab("word")?;
        let shapes = ner.vocab("shape")?;
        let tags = ner.vocab("tag")?;
        if words.len() != network.words() || shapes.len() != network.shapes() {
            return Err("vocabularies do not fit the embeddings".into());
        }
        if tags.len() != network.tags() {
            return Err("the tag vocabulary does not fit the projection".into());
        }
        let index = |items: Vec<String>| -> HashMap<String, usize> {
            // Python's dict keeps the last id of a repeated item; so does this.
            items.into_iter().enumerate().map(|(i, w)| (w, i)).collect()
        };
        let words = index(words);
        let unk_word = *words
            .get("<unk>")
            .ok_or_else(|| "the word vocabulary has no <unk>".to_string())?;
        let shapes = index(shapes);
        if !shapes.contains_key("OTHER") {
            return Err("the shape vocabulary has no OTHER".into());
        }
        Ok(Slovnet {
            network,
            words,
            unk_word,
            shapes,
            tags,
        })
    }

    /// razdel's tokens of `text` with slovnet's tag for each.
    pub fn tag_tokens(&self, text: &str) -> Vec<TaggedToken> {
        let tokens = razdel::tokenize(text);
        if tokens.is_empty() {
            return Vec::new();
        }
        let word_ids: Vec<usize> = tokens
            .iter()
            .map(|t| {
                *self
                    .words
                    .get(&t.text.to_lowercase())
                    .unwrap_or(&self.unk_word)
            })
            .collect();
        // Every shape word_shape makes is in slovnet's vocabulary (checked by a test); OTHER
        // covers a vocabulary that might lack one.
        let shape_ids: Vec<usize> = tokens
            .iter()
            .map(|t| {
                let shape = word_shape(&t.text);
                self.shapes
                    .get(&shape)
                    .copied()
                    .unwrap_or(self.shapes["OTHER"])
            })
            .collect();
        let emissions = self.network.emissions(&word_ids, &shape_ids);
        let transitions = self.network.transitions.view();
        let path = crf::viterbi(emissions.view(), transitions);
        let probabilities = crf::marginals(emissions.view(), transitions);
        tokens
            .into_iter()
            .zip(path)
            .enumerate()
            .map(|(t, (token, tag))| TaggedToken {
                token,
                tag: self.tags[tag].clone(),
                probability: probabilities[(t, tag)],
            })
            .collect()
    }

    /// Entities of `text`, with char spans into it.
    pub fn tag(&self, text: &str) -> Vec<Entity> {
        bio_spans(&self.tag_tokens(text), text)
    }
}

/// slovnet's `bio_spans`: B- opens a span of its type (closing an open one), I- extends the open
/// span whatever its type, O closes it; anything else ("<pad>") changes nothing.
fn bio_spans(tagged: &[TaggedToken], text: &str) -> Vec<Entity> {
    struct Open {
        kind: Option<EntityKind>,
        start: usize,
        stop: usize,
        probabilities: Vec<f64>,
    }
    let mut out = Vec::new();
    let index = CharIndex::new(text);
    let close = |open: Open, out: &mut Vec<Entity>| {
        // slovnet's tags are PER, LOC, ORG; an unknown type is dropped rather than guessed.
        let Some(kind) = open.kind else { return };
        let span = Span {
            start: open.start,
            end: open.stop,
        };
        out.push(Entity::new(kind, span, &index, &open.probabilities));
    };
    let mut open: Option<Open> = None;
    for t in tagged {
        let (part, kind) = match t.tag.split_once('-') {
            Some((part, kind)) => (part, EntityKind::from_tag(kind)),
            None => (t.tag.as_str(), None),
        };
        match part {
            "O" => {
                if let Some(o) = open.take() {
                    close(o, &mut out);
                }
            }
            "B" => {
                if let Some(o) = open.take() {
                    close(o, &mut out);
                }
                open = Some(Open {
                    kind,
                    start: t.token.start,
                    stop: t.token.stop,
                    probabilities: vec![t.probability],
                });
            }
            "I" => {
                if let Some(o) = open.as_mut() {
                    o.stop = t.token.stop;
                    o.probabilities.push(t.probability);
                }
            }
            _ => {}
        }
    }
    if let Some(o) = open {
        close(o, &mut out);
    }
    out
}

pub fn install_hint() -> String {
    format!("run scripts/setup-slovnet.sh (it fetches natasha 1.6.0 from PyPI, {LICENCE} licence, 34 MB)")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tagged(text: &str, tags: &[&str]) -> Vec<TaggedToken> {
        razdel::tokenize(text)
            .into_iter()
            .zip(tags)
            .map(|(token, tag)| TaggedToken {
                token,
                tag: tag.to_string(),
                probability: 0.5,
            })
            .collect()
    }

    #[test]
    fn bio_spans_follow_slovnet() {
        let text = "Глава МИД Сергей Лавров прибыл в Нью-Йорк";
        let tags = ["O", "B-ORG", "B-PER", "I-LOC", "O", "I-LOC", "B-LOC"];
        let spans: Vec<(EntityKind, String)> = bio_spans(&tagged(text, &tags), text)
            .into_iter()
            .map(|e| (e.kind, e.text))
            .collect();
        // I-LOC after B-PER extends the person; a lone I- after O opens nothing.
        assert_eq!(
            spans,
            vec![
                (EntityKind::Organisation, "МИД".to_string()),
                (EntityKind::Person, "Сергей Лавров".to_string()),
                (EntityKind::Location, "Нью-Йорк".to_string()),
            ]
        );
    }
}
