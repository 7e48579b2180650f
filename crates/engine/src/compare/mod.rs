//! Comparison: the summary in the language the article is *not* in, written other ways, side by
//! side with the analysis's own — so a bilingual reader can see how else it could have been said
//! and how far to trust each sentence.
//!
//! Versions (each made only when the installed models allow it; [`Comparison::missing`] says why
//! one is absent):
//! - the analysis's own;
//! - key sentences of the article, translated (by each installed translator);
//! - the source-language summary translated by every other installed translator;
//! - the article translated first, then summarised in the target language: key sentences, and
//!   for English an abstractive summary when the summariser is installed.
//!
//! Every sentence of every version is translated back with the reverse translator and scored by
//! chrF against the source sentence it came from (or, when a route keeps no such link, the
//! closest article sentence): a low score flags a sentence worth reading twice. Versions also
//! carry a word diff against the analysis's own, and each sentence the index of the own
//! sentence it best matches, so a reader can swap sentences one by one ([`ModelCache::apply_picks`]).

pub mod chrf;
pub mod diff;
mod drafts;
mod scores;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use svodka_analysis::{Analysis, Document, Lang, StageTiming, Summary};
use svodka_manifest::ModelSpec;

use crate::error::{EngineError, Result};
use crate::models::cache::ModelCache;
use crate::pipeline::pending;
use crate::progress::JobContext;
use diff::DiffSegment;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Comparison {
    pub source_language: Lang,
    /// The language of every version.
    pub language: Lang,
    /// `versions[0]` is the analysis's own summary.
    pub versions: Vec<Version>,
    /// Versions that could not be made, and why (a model to install, a route that does not
    /// exist for this language).
    pub missing: Vec<String>,
    /// The model that translated back for the scores; none when it is not installed.
    pub back_translator: Option<String>,
    pub timings: Vec<StageTiming>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Version {
    /// Stable within a comparison, e.g. "own", "key-sentences:opus-mt-en-ru".
    pub key: String,
    /// What a reader is told: how this version was made.
    pub label: String,
    pub models: Vec<String>,
    pub sentences: Vec<VersionSentence>,
    /// Word diff against `versions[0]` (empty for it).
    pub diff: Vec<DiffSegment>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VersionSentence {
    pub text: String,
    /// The source-language sentence this one translates, when the route keeps that link.
    pub source: Option<String>,
    pub back_translation: Option<String>,
    /// What the back-translation was scored against: `source`, else the closest article sentence.
    pub reference: Option<String>,
    /// chrF (0–100, sacreBLEU's definition) of `back_translation` against `reference`.
    pub chrf: Option<f32>,
    /// The sentence of `versions[0]` this one says most nearly (chrF between the two).
    #[ts(type = "number | null")]
    pub matches: Option<usize>,
}

/// A version before scoring: sentences with their sources.
pub(crate) struct Draft {
    key: String,
    label: String,
    models: Vec<String>,
    sentences: Vec<(String, Option<String>)>,
}

impl ModelCache {
    /// Other versions of the analysis's target-language summary ([`drafts`]), each sentence
    /// translated back and scored ([`scores`]).
    pub fn compare(&mut self, a: &Analysis, ctx: &mut dyn JobContext) -> Result<Comparison> {
        // The analysis may come from the window or a file: never index past what it holds.
        a.check().map_err(EngineError::CannotCompare)?;
        let mut timings = Vec::new();
        let drafts = self.draft_versions(a, &mut timings, ctx)?;
        let mut missing = drafts.missing;
        let scored = self.score_versions(a, drafts.versions, &mut timings, ctx)?;
        missing.extend(scored.missing);
        Ok(Comparison {
            source_language: a.source_language,
            language: a.source_language.other(),
            versions: scored.versions,
            missing,
            back_translator: scored.back_translator,
            timings,
        })
    }

    /// The analysis with its target-language summary replaced by `sentences` (the reader's pick
    /// from the versions of a [`Comparison`]), its entities found again, and a note saying so.
    pub fn apply_picks(
        &mut self,
        a: &Analysis,
        sentences: &[String],
        note: &str,
    ) -> Result<Analysis> {
        a.check().map_err(EngineError::CannotCompare)?;
        if sentences.len() > MAX_PICKED_SENTENCES || note.chars().count() > MAX_NOTE_CHARS {
            return Err(EngineError::CannotCompare(format!(
                "a picked summary has at most {MAX_PICKED_SENTENCES} sentences and a note at \
                 most {MAX_NOTE_CHARS} characters"
            )));
        }
        let target = a.source_language.other();
        let clean: Vec<&str> = sentences
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        if clean.is_empty() {
            return Err(EngineError::CannotCompare(
                "the picked summary has no sentences".into(),
            ));
        }
        let mut doc = Document::from_sentences(target, &clean, pending());
        // A picked summary is at most a few windows: nothing to cancel between.
        doc.entities = self.entities_for(&doc, &mut |_| Ok(()))?;
        let mut out = a.clone();
        match target {
            Lang::En => out.summaries.en = Summary::Ready(doc),
            Lang::Ru => out.summaries.ru = Summary::Ready(doc),
        }
        if !note.trim().is_empty() {
            out.notes.push(note.trim().to_string());
        }
        Ok(out)
    }

    fn translate_with(&mut self, spec: &ModelSpec, sentences: &[&str]) -> Result<Vec<String>> {
        self.translator_for(spec)?
            .translate(sentences, &mut |_| Ok(()))
    }
}

/// Bounds on what a reader's picks may hold (the window sends them; a summary has a handful).
const MAX_PICKED_SENTENCES: usize = 200;
const MAX_NOTE_CHARS: usize = 10_000;

fn summary_in(a: &Analysis, lang: Lang) -> &Summary {
    match lang {
        Lang::En => &a.summaries.en,
        Lang::Ru => &a.summaries.ru,
    }
}
