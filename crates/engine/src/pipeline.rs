//! The pipeline: one article through prepare → plan → load → summarise → translate → entities,
//! into an [`Analysis`]. Which stages run is [`plan`]'s answer for the installed models.

use svodka_analysis::{
    Analysis, Document, Entities, Lang, Length, Role, Route, Stage, StageTiming, Summaries,
    Summary, FORMAT_VERSION,
};

use crate::entities::slovnet;
use crate::error::{EngineError, Result};
use crate::models::cache::ModelCache;
use crate::plan::{plan, Plan};
use crate::prepare::{self, sentences::split_sentences};
use crate::progress::{Clock, JobContext};
use crate::summarise::extractive;

impl ModelCache {
    /// Analyses one article. The route depends on the installed models (see [`plan`]); a model
    /// that is installed but cannot be loaded is an error naming it.
    pub fn analyze(
        &mut self,
        input: &str,
        length: Length,
        ctx: &mut dyn JobContext,
    ) -> Result<Analysis> {
        let mut timings = Vec::new();
        let mut clock = Clock::start(Stage::Prepare, ctx)?;
        let prepared = prepare::prepare(input)?;
        let lang = prepared.language;
        clock.finish(&mut timings, ctx)?;

        let mut plan = plan(lang, &self.installed_now()?);
        plan.notes.splice(0..0, prepared.notes.iter().cloned());
        plan.notes.extend(self.config().precision.fallback_note());
        clock = Clock::start(Stage::LoadModels, ctx)?;
        self.load(&plan, &clock, ctx)?;
        clock.finish(&mut timings, ctx)?;

        let article_sentences = prepared.sentence_texts();
        let mut article_translation = None;
        let (source, source_lang) = match plan.route {
            Route::EnSummariseTranslate => (
                self.abstractive(&article_sentences, length, &mut timings, ctx)?,
                Lang::En,
            ),
            Route::RuPivotThroughEn => {
                clock = Clock::start(Stage::TranslateArticle, ctx)?;
                let translated = self
                    .translator(Lang::Ru)?
                    .translate(&article_sentences, &mut |f| clock.progress(f, ctx))?;
                clock.finish(&mut timings, ctx)?;
                let english: Vec<&str> = translated
                    .iter()
                    .map(String::as_str)
                    .filter(|s| !s.is_empty())
                    .collect();
                let summary = self.abstractive(&english, length, &mut timings, ctx)?;
                article_translation = Some(translated);
                (summary, Lang::En)
            }
            Route::Extractive => {
                clock = Clock::start(Stage::Summarise, ctx)?;
                let picked = extractive::summarise(&article_sentences, lang, length);
                clock.finish(&mut timings, ctx)?;
                (
                    picked
                        .into_iter()
                        .map(|i| article_sentences[i].to_string())
                        .collect(),
                    lang,
                )
            }
        };

        // The other language: a translation of the summary, sentence by sentence, or the reason
        // there is none.
        let target = source_lang.other();
        let translated = match &plan.missing_translator {
            Some(reason) => Summary::Unavailable {
                reason: reason.clone(),
            },
            None => {
                clock = Clock::start(Stage::TranslateSummary, ctx)?;
                let refs: Vec<&str> = source.iter().map(String::as_str).collect();
                let out = self
                    .translator(source_lang)?
                    .translate(&refs, &mut |f| clock.progress(f, ctx))?;
                clock.finish(&mut timings, ctx)?;
                Summary::Ready(Document::from_sentences(target, &out, pending()))
            }
        };
        let source = Summary::Ready(Document::from_sentences(source_lang, &source, pending()));
        let mut summaries = match source_lang {
            Lang::En => Summaries {
                en: source,
                ru: translated,
            },
            Lang::Ru => Summaries {
                en: translated,
                ru: source,
            },
        };

        clock = Clock::start(Stage::Entities, ctx)?;
        let mut article = Document {
            language: prepared.language,
            text: prepared.text.clone(),
            sentences: prepared.sentences.clone(),
            entities: pending(),
        };
        let mut translation = article_translation
            .as_ref()
            .map(|t| Document::from_sentences(Lang::En, t, pending()));
        let mut docs: Vec<&mut Document> = vec![&mut article];
        docs.extend(summaries.en.document_mut());
        docs.extend(summaries.ru.document_mut());
        docs.extend(translation.as_mut());
        let total = docs.len();
        for (n, doc) in docs.into_iter().enumerate() {
            doc.entities = self.entities_for(doc, &mut |f| {
                clock.progress((n as f32 + f) / total as f32, ctx)
            })?;
        }
        clock.finish(&mut timings, ctx)?;

        Ok(Analysis {
            format_version: FORMAT_VERSION,
            engine_version: env!("CARGO_PKG_VERSION").to_string(),
            source_language: lang,
            length,
            route: plan.route,
            article,
            article_translation: translation,
            summaries,
            models: plan.models,
            notes: plan.notes,
            timings,
        })
    }

    /// English sentences → abstractive English summary, split into sentences.
    pub(crate) fn abstractive(
        &mut self,
        english: &[&str],
        length: Length,
        timings: &mut Vec<StageTiming>,
        ctx: &mut dyn JobContext,
    ) -> Result<Vec<String>> {
        let clock = Clock::start(Stage::Summarise, ctx)?;
        let range = self.spec(Role::SummariseEn)?.presets[length.key()];
        let summary = self
            .summariser()?
            .summarise(english, range, &mut |f| clock.progress(f, ctx))?
            .summary
            .text;
        if summary.trim().is_empty() {
            return Err(EngineError::Inference(
                "the summariser produced no text".into(),
            ));
        }
        clock.finish(timings, ctx)?;
        Ok(split_sentences(&summary)
            .iter()
            .map(|s| s.slice(&summary).to_string())
            .collect())
    }

    /// Loads what the plan runs, so load failures surface before any work and the load stage's
    /// progress is the loading's.
    fn load(&mut self, plan: &Plan, clock: &Clock, ctx: &mut dyn JobContext) -> Result<()> {
        let roles = &plan.roles;
        for (n, role) in roles.iter().enumerate() {
            match role {
                Role::SummariseEn => self.summariser().map(|_| ())?,
                Role::TranslateEnRu => self.translator(Lang::En).map(|_| ())?,
                Role::TranslateRuEn => self.translator(Lang::Ru).map(|_| ())?,
                Role::NerEn | Role::NerRu => {}
            }
            clock.progress((n + 1) as f32 / (roles.len() + 1) as f32, ctx)?;
        }
        if plan.russian_texts {
            self.slovnet().map(|_| ())?;
        }
        self.tagger().map(|_| ())
    }

    /// People, places and organisations in one text: BERT for English, slovnet for Russian.
    /// `step` gets the share done as tagging goes, and may cancel it.
    pub(crate) fn entities_for(
        &mut self,
        doc: &Document,
        step: &mut dyn FnMut(f32) -> Result<()>,
    ) -> Result<Entities> {
        if doc.language == Lang::Ru {
            let entities = match self.slovnet()? {
                Ok(slovnet) => Entities::Tagged {
                    model: slovnet::ID.into(),
                    items: slovnet.tag(&doc.text),
                },
                Err(reason) => Entities::Unavailable { reason },
            };
            step(1.0)?;
            return Ok(entities);
        }
        let id = self.spec(Role::NerEn)?.id.clone();
        Ok(match self.tagger()? {
            Ok(tagger) => Entities::Tagged {
                model: id,
                items: tagger.tag_text(&doc.text, &doc.sentences, step)?,
            },
            Err(reason) => Entities::Unavailable { reason },
        })
    }
}

/// Placeholder until the entity stage fills it in.
pub(crate) fn pending() -> Entities {
    Entities::Unavailable {
        reason: String::new(),
    }
}
