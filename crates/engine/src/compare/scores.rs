//! Scoring the drafted versions: every sentence translated back with the reverse translator and
//! scored by chrF against the sentence it came from (or the closest article sentence), each
//! matched to the own version's sentence it says most nearly, and a word diff per version.

use svodka_analysis::{Analysis, Role, Stage, StageTiming};

use super::chrf::chrf;
use super::diff::word_diff;
use super::{Draft, Version, VersionSentence};
use crate::error::Result;
use crate::models::cache::ModelCache;
use crate::progress::{Clock, JobContext};

pub(super) struct Scored {
    pub versions: Vec<Version>,
    /// The model that translated back; none when it is not installed.
    pub back_translator: Option<String>,
    /// Why there are no scores, when there are none.
    pub missing: Option<String>,
}

impl ModelCache {
    pub(super) fn score_versions(
        &mut self,
        a: &Analysis,
        drafts: Vec<Draft>,
        timings: &mut Vec<StageTiming>,
        ctx: &mut dyn JobContext,
    ) -> Result<Scored> {
        let target = a.source_language.other();
        let article: Vec<&str> = a.article.sentence_texts();
        let back = self.installed(Role::translate(target)).into_iter().next();
        let clock = Clock::start(Stage::BackTranslate, ctx)?;
        let mut versions = Vec::with_capacity(drafts.len());
        let own_texts: Vec<String> = drafts[0].sentences.iter().map(|(t, _)| t.clone()).collect();
        let own_refs: Vec<&str> = own_texts.iter().map(String::as_str).collect();
        let total = drafts.len();
        for (n, draft) in drafts.into_iter().enumerate() {
            let texts: Vec<&str> = draft.sentences.iter().map(|(t, _)| t.as_str()).collect();
            let backs = match &back {
                Some(spec) => Some(self.translate_with(spec, &texts)?),
                None => None,
            };
            let sentences = draft
                .sentences
                .iter()
                .enumerate()
                .map(|(i, (text, source))| {
                    let back_translation = backs.as_ref().map(|b| b[i].clone());
                    let reference = match (source, &back_translation) {
                        (Some(s), _) => Some(s.clone()),
                        (None, Some(b)) => closest(b, &article).map(str::to_string),
                        (None, None) => None,
                    };
                    let chrf = match (&back_translation, &reference) {
                        (Some(b), Some(r)) => Some(chrf(b, r) as f32),
                        _ => None,
                    };
                    VersionSentence {
                        text: text.clone(),
                        source: source.clone(),
                        back_translation,
                        reference,
                        chrf,
                        matches: closest_index(text, &own_refs),
                    }
                })
                .collect();
            versions.push(Version {
                diff: if n == 0 {
                    Vec::new()
                } else {
                    word_diff(&own_texts.join(" "), &texts.join(" "))
                },
                key: draft.key,
                label: draft.label,
                models: draft.models,
                sentences,
            });
            clock.progress((n + 1) as f32 / total as f32, ctx)?;
        }
        let missing = match back {
            Some(_) => None,
            None => Some(format!(
                "sentence scores need the {} ({}) to translate back",
                Role::translate(target).describe(),
                self.spec(Role::translate(target))?.id
            )),
        };
        clock.finish(timings, ctx)?;
        Ok(Scored {
            versions,
            back_translator: back.map(|s| s.id),
            missing,
        })
    }
}

/// The candidate most like `text` by chrF (first on ties); none when there are no candidates.
fn closest<'c>(text: &str, candidates: &[&'c str]) -> Option<&'c str> {
    closest_index(text, candidates).map(|i| candidates[i])
}

fn closest_index(text: &str, candidates: &[&str]) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, c) in candidates.iter().enumerate() {
        let score = chrf(text, c);
        let better = match best {
            None => true,
            Some((_, b)) => score > b,
        };
        if better {
            best = Some((i, score));
        }
    }
    best.map(|(i, _)| i)
}
