//! Drafting the versions of a comparison: the analysis's own summary, key sentences translated
//! by each translator, the source summary by the other translators, and the article translated
//! first and then summarised.

use svodka_analysis::{Analysis, Document, Lang, Role, Route, Stage, StageTiming};

use super::{summary_in, Draft};
use crate::error::{EngineError, Result};
use crate::models::cache::ModelCache;
use crate::progress::{Clock, JobContext};
use crate::summarise::extractive;

/// The drafted versions (`versions[0]` the analysis's own) and the versions that could not be
/// made, with why.
pub(super) struct Drafts {
    pub versions: Vec<Draft>,
    pub missing: Vec<String>,
}

impl ModelCache {
    pub(super) fn draft_versions(
        &mut self,
        a: &Analysis,
        timings: &mut Vec<StageTiming>,
        ctx: &mut dyn JobContext,
    ) -> Result<Drafts> {
        let src = a.source_language;
        let target = src.other();
        let own = summary_in(a, target).document().ok_or_else(|| {
            EngineError::CannotCompare(format!(
                "the analysis has no {} summary ({})",
                target.name(),
                summary_in(a, target).reason().unwrap_or_default()
            ))
        })?;
        let translators = self.installed(Role::translate(src));
        let primary = translators.first().cloned().ok_or_else(|| {
            EngineError::CannotCompare(format!(
                "every other version is a translation, and no {} is installed",
                Role::translate(src).describe()
            ))
        })?;
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
                    label: format!("The {} summary, translated by {}", src.name(), spec.id),
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
                // A translation from outside may not match the article sentence for sentence.
                sentences: picked_t
                    .iter()
                    .map(|&i| (translated[i].clone(), article.get(i).map(|s| s.to_string())))
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
                let summary = self.abstractive(&english, a.length, timings, ctx)?;
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
        clock.finish(timings, ctx)?;
        Ok(Drafts {
            versions: drafts,
            missing,
        })
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
