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
//! sentence it best matches, so a reader can swap sentences one by one ([`Models::apply_picks`]).

pub mod chrf;
pub mod diff;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::analysis::{Analysis, Document, Route, Stage, StageTiming, Summary};
use crate::error::{EngineError, Result};
use crate::lang::Lang;
use crate::models::{ModelSpec, Role};
use crate::routes::{Clock, JobContext, Models};
use crate::summarise::extractive;
use diff::{word_diff, DiffSegment};

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
struct Draft {
    key: String,
    label: String,
    models: Vec<String>,
    sentences: Vec<(String, Option<String>)>,
}

impl Models {
    /// Other versions of the analysis's target-language summary, scored.
    pub fn compare(&mut self, a: &Analysis, ctx: &mut dyn JobContext) -> Result<Comparison> {
        let src = a.source_language;
        let target = src.other();
        let own = summary_in(a, target).document().ok_or_else(|| {
            EngineError::CannotCompare(format!(
                "the analysis has no {} summary ({})",
                lang_name(target),
                match summary_in(a, target) {
                    Summary::Unavailable { reason } => reason.as_str(),
                    Summary::Ready(_) => "",
                }
            ))
        })?;
        let translators = self.installed(Role::translate(src));
        let primary = translators.first().cloned().ok_or_else(|| {
            EngineError::CannotCompare(format!(
                "every other version is a translation, and no {} is installed",
                Role::translate(src).describe()
            ))
        })?;
        let mut timings = Vec::new();
        let mut missing = Vec::new();
        let article: Vec<&str> = a.article.sentence_texts();

        let clock = Clock::start(Stage::Alternatives, ctx)?;
        let mut drafts = vec![Draft {
            key: "own".into(),
            label: format!("This analysis: {}", a.route.describe()),
            models: a.models.iter().map(|m| m.id.clone()).collect(),
            sentences: own_sources(a, own),
        }];
        let steps = translators.len() * 2 + 2;
        let mut step = 0;
        let mut tick = |ctx: &mut dyn JobContext| {
            step += 1;
            clock.progress(step as f32 / steps as f32, ctx)
        };

        // Key sentences of the article, translated by each translator.
        let picked: Vec<&str> = extractive::summarise(&article, src, a.length)
            .into_iter()
            .map(|i| article[i])
            .collect();
        for spec in &translators {
            let same_as_own = a.route == Route::Extractive && spec.id == primary.id;
            if !same_as_own && !picked.is_empty() {
                let out = self.translate_with(spec, &picked)?;
                drafts.push(Draft {
                    key: format!("key-sentences:{}", spec.id),
                    label: format!("Key sentences of the article, translated by {}", spec.id),
                    models: vec![spec.id.clone()],
                    sentences: zip_sources(out, &picked),
                });
            }
            tick(ctx)?;
        }

        // The source-language summary (when it is an original, not itself a translation) by
        // every translator other than the one the analysis used.
        let source_summary = match a.route {
            Route::EnSummariseTranslate | Route::Extractive => summary_in(a, src).document(),
            Route::RuPivotThroughEn => None,
        };
        if let Some(doc) = source_summary {
            let sentences = doc.sentence_texts();
            for spec in translators.iter().filter(|s| s.id != primary.id) {
                let out = self.translate_with(spec, &sentences)?;
                drafts.push(Draft {
                    key: format!("summary:{}", spec.id),
                    label: format!("The {} summary, translated by {}", lang_name(src), spec.id),
                    models: vec![spec.id.clone()],
                    sentences: zip_sources(out, &sentences),
                });
                tick(ctx)?;
            }
        }
        if translators.len() < 2 {
            missing.push(format!(
                "a second {} would add its own translation; only {} is installed",
                Role::translate(src).describe(),
                primary.id
            ));
        }

        // The article translated first, then summarised in the target language.
        let translated: Vec<String> = match (&a.article_translation, src) {
            (Some(t), Lang::Ru) => t.sentence_texts().into_iter().map(String::from).collect(),
            _ => self.translate_with(&primary, &article)?,
        };
        tick(ctx)?;
        let translated_refs: Vec<&str> = translated.iter().map(String::as_str).collect();
        let picked_t = extractive::summarise(&translated_refs, target, a.length);
        if !picked_t.is_empty() {
            drafts.push(Draft {
                key: format!("translated-article-key-sentences:{}", primary.id),
                label: format!(
                    "The article translated by {}, then its key sentences",
                    primary.id
                ),
                models: vec![primary.id.clone()],
                sentences: picked_t
                    .iter()
                    .map(|&i| (translated[i].clone(), Some(article[i].to_string())))
                    .collect(),
            });
        }
        match target {
            Lang::En if a.route == Route::RuPivotThroughEn => {} // that is the analysis's own
            Lang::En if self.summariser_installed() => {
                let english: Vec<&str> = translated_refs
                    .iter()
                    .copied()
                    .filter(|s| !s.is_empty())
                    .collect();
                let summary = self.abstractive(&english, a.length, &mut timings, ctx)?;
                let summariser = self.spec(Role::SummariseEn)?.id.clone();
                drafts.push(Draft {
                    key: format!("translated-article-summary:{}", primary.id),
                    label: format!(
                        "The article translated by {}, then summarised by {}",
                        primary.id, summariser
                    ),
                    models: vec![primary.id.clone(), summariser],
                    sentences: summary.into_iter().map(|s| (s, None)).collect(),
                });
            }
            Lang::En => missing.push(format!(
                "an English summary written from the translated article needs the {} ({})",
                Role::SummariseEn.describe(),
                self.spec(Role::SummariseEn)?.id
            )),
            Lang::Ru => missing.push(
                "a summary written in Russian from the translated article: svodka has no \
                 Russian abstractive summariser (key sentences stand in for it)"
                    .into(),
            ),
        }
        tick(ctx)?;
        clock.finish(&mut timings, ctx)?;

        // Translate every sentence back and score it.
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
                        (Some(b), Some(r)) => Some(chrf::chrf(b, r) as f32),
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
            let joined = texts.join(" ");
            versions.push(Version {
                diff: if n == 0 {
                    Vec::new()
                } else {
                    word_diff(&own_texts.join(" "), &joined)
                },
                key: draft.key,
                label: draft.label,
                models: draft.models,
                sentences,
            });
            clock.progress((n + 1) as f32 / total as f32, ctx)?;
        }
        if back.is_none() {
            missing.push(format!(
                "sentence scores need the {} ({}) to translate back",
                Role::translate(target).describe(),
                self.spec(Role::translate(target))?.id
            ));
        }
        clock.finish(&mut timings, ctx)?;
        Ok(Comparison {
            source_language: src,
            language: target,
            versions,
            missing,
            back_translator: back.map(|s| s.id),
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
        let mut doc = Document::from_sentences(
            target,
            &clean,
            crate::analysis::Entities::Unavailable {
                reason: String::new(),
            },
        );
        doc.entities = self.entities_for(&doc)?;
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

fn summary_in(a: &Analysis, lang: Lang) -> &Summary {
    match lang {
        Lang::En => &a.summaries.en,
        Lang::Ru => &a.summaries.ru,
    }
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Ru => "Russian",
    }
}

/// The own version's sentences with the source sentence each translates, where the route keeps
/// one: the summaries are sentence-aligned when one is a translation of the other.
fn own_sources(a: &Analysis, own: &Document) -> Vec<(String, Option<String>)> {
    let source = match a.route {
        Route::EnSummariseTranslate | Route::Extractive => {
            summary_in(a, a.source_language).document()
        }
        // The English summary was written from the translated article: no source sentence.
        Route::RuPivotThroughEn => None,
    };
    let sources: Vec<&str> = source.map(|d| d.sentence_texts()).unwrap_or_default();
    own.sentence_texts()
        .into_iter()
        .enumerate()
        .map(|(i, t)| (t.to_string(), sources.get(i).map(|s| s.to_string())))
        .collect()
}

fn zip_sources(out: Vec<String>, sources: &[&str]) -> Vec<(String, Option<String>)> {
    out.into_iter()
        .zip(sources)
        .filter(|(t, _)| !t.trim().is_empty())
        .map(|(t, s)| (t, Some(s.to_string())))
        .collect()
}

/// The candidate most like `text` by chrF (first on ties); none when there are no candidates.
fn closest<'c>(text: &str, candidates: &[&'c str]) -> Option<&'c str> {
    closest_index(text, candidates).map(|i| candidates[i])
}

fn closest_index(text: &str, candidates: &[&str]) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, c) in candidates.iter().enumerate() {
        let score = chrf::chrf(text, c);
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
