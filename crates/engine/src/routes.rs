//! The pipeline: which stages run for which language, in which order, with which models.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use crate::analysis::{
    Analysis, Document, Entities, Length, ModelUse, Route, Stage, StageTiming, Summaries,
    FORMAT_VERSION,
};
use crate::entities::Tagger;
use crate::error::{EngineError, Result};
use crate::lang::Lang;
use crate::models::{store, Manifest, ModelSpec, Role};
use crate::prepare::{self, sentences::split_sentences};
use crate::summarise::Summariser;
use crate::translate::Translator;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub stage: Stage,
    /// 0.0 ..= 1.0 within the stage.
    pub fraction: f32,
}

/// Where models come from and how they are run. Tests adjust the manifest's settings.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    pub models_dir: PathBuf,
    pub manifest: Manifest,
}

impl EngineConfig {
    pub fn new(models_dir: PathBuf) -> EngineConfig {
        EngineConfig {
            models_dir,
            manifest: Manifest::builtin(),
        }
    }
}

/// Loaded models, kept for the worker's lifetime (loading the real ones takes seconds).
pub struct Models {
    config: EngineConfig,
    summariser: Option<Summariser>,
    translators: HashMap<Lang, Translator>,
    tagger: Option<Tagger>,
}

/// Per-job callbacks: progress out, cancellation in.
pub trait JobContext {
    fn progress(&mut self, p: Progress);
    fn cancelled(&self) -> bool;
}

impl Models {
    pub fn new(config: EngineConfig) -> Models {
        Models {
            config,
            summariser: None,
            translators: HashMap::new(),
            tagger: None,
        }
    }

    fn spec(&self, role: Role) -> Result<&ModelSpec> {
        self.config.manifest.for_role(role)
    }

    fn summariser(&mut self) -> Result<&Summariser> {
        if self.summariser.is_none() {
            let spec = self.spec(Role::SummariseEn)?.clone();
            let files = store::locate(&self.config.models_dir, &spec)?;
            let settings = spec
                .generation
                .ok_or_else(|| EngineError::Manifest("summariser settings".into()))?;
            self.summariser = Some(Summariser::load(&files, settings)?);
        }
        Ok(self.summariser.as_ref().expect("loaded above"))
    }

    fn translator(&mut self, from: Lang) -> Result<&Translator> {
        if !self.translators.contains_key(&from) {
            let spec = self.spec(Role::translate(from))?.clone();
            let files = store::locate(&self.config.models_dir, &spec)?;
            let settings = spec
                .generation
                .ok_or_else(|| EngineError::Manifest("translator settings".into()))?;
            self.translators
                .insert(from, Translator::load(&files, settings)?);
        }
        Ok(&self.translators[&from])
    }

    /// The English tagger, or why there is none.
    fn tagger(&mut self) -> Result<std::result::Result<&Tagger, String>> {
        if self.tagger.is_none() {
            let spec = self.spec(Role::NerEn)?.clone();
            match store::locate(&self.config.models_dir, &spec) {
                Ok(files) => self.tagger = Some(Tagger::load(&files)?),
                Err(e) => return Ok(Err(format!("no English entity model is installed: {e}"))),
            }
        }
        Ok(Ok(self.tagger.as_ref().expect("loaded above")))
    }

    /// Analyses one article. Required models (summariser, translators) are checked before any
    /// work starts, so a missing model fails in milliseconds, not after a translation.
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
        let route = Route::for_language(lang);
        clock.finish(&mut timings, ctx)?;

        let required = required_roles(route);
        let models = self.check_installed(required)?;
        clock = Clock::start(Stage::LoadModels, ctx)?;
        self.load(required, &clock, ctx)?;
        clock.finish(&mut timings, ctx)?;

        // English source for the summariser: the article itself, or its translation.
        let article_sentences = prepared.sentence_texts();
        let article_translation = if lang == Lang::Ru {
            clock = Clock::start(Stage::TranslateArticle, ctx)?;
            let translated = {
                let translator = self.translator(Lang::Ru)?;
                translator.translate(&article_sentences, &mut |f| clock.progress(f, ctx))?
            };
            clock.finish(&mut timings, ctx)?;
            Some(translated)
        } else {
            None
        };
        let english: Vec<&str> = match &article_translation {
            Some(t) => t
                .iter()
                .map(String::as_str)
                .filter(|s| !s.is_empty())
                .collect(),
            None => article_sentences.clone(),
        };

        clock = Clock::start(Stage::Summarise, ctx)?;
        let range = self.spec(Role::SummariseEn)?.presets[length.key()];
        let summary_en = self
            .summariser()?
            .summarise(&english, range, &mut |f| clock.progress(f, ctx))?
            .summary
            .text;
        if summary_en.trim().is_empty() {
            return Err(EngineError::Inference(
                "the summariser produced no text".into(),
            ));
        }
        let en_sentences: Vec<String> = split_sentences(&summary_en)
            .iter()
            .map(|s| s.slice(&summary_en).to_string())
            .collect();
        clock.finish(&mut timings, ctx)?;

        clock = Clock::start(Stage::TranslateSummary, ctx)?;
        let ru_sentences = {
            let refs: Vec<&str> = en_sentences.iter().map(String::as_str).collect();
            self.translator(Lang::En)?
                .translate(&refs, &mut |f| clock.progress(f, ctx))?
        };
        clock.finish(&mut timings, ctx)?;

        clock = Clock::start(Stage::Entities, ctx)?;
        let pending = Entities::Unavailable {
            reason: String::new(),
        };
        let mut article = prepare_document(&prepared);
        let mut translation = article_translation
            .as_ref()
            .map(|t| Document::from_sentences(Lang::En, t, pending.clone()));
        let mut summaries = Summaries {
            en: Document::from_sentences(Lang::En, &en_sentences, pending.clone()),
            ru: Document::from_sentences(Lang::Ru, &ru_sentences, pending),
        };
        let mut docs: Vec<&mut Document> = vec![&mut article, &mut summaries.en, &mut summaries.ru];
        docs.extend(translation.as_mut());
        let total = docs.len();
        for (n, doc) in docs.into_iter().enumerate() {
            doc.entities = self.entities_for(doc)?;
            clock.progress((n + 1) as f32 / total as f32, ctx)?;
        }
        clock.finish(&mut timings, ctx)?;

        Ok(Analysis {
            format_version: FORMAT_VERSION,
            engine_version: env!("CARGO_PKG_VERSION").to_string(),
            source_language: lang,
            length,
            route,
            article,
            article_translation: translation,
            summaries,
            models,
            timings,
        })
    }

    /// The models the route needs and the entity model if installed; a missing required model
    /// is an error naming it.
    fn check_installed(&self, required: &[Role]) -> Result<Vec<ModelUse>> {
        let mut models = Vec::new();
        for role in required.iter().copied().chain([Role::NerEn]) {
            let spec = self.spec(role)?;
            match store::locate(&self.config.models_dir, spec) {
                Ok(_) => models.push(ModelUse {
                    role,
                    id: spec.id.clone(),
                    repo: spec.repo.clone(),
                }),
                Err(e) if role != Role::NerEn => return Err(e),
                Err(_) => {}
            }
        }
        Ok(models)
    }

    fn load(&mut self, required: &[Role], clock: &Clock, ctx: &mut dyn JobContext) -> Result<()> {
        for (n, role) in required.iter().enumerate() {
            match role {
                Role::SummariseEn => self.summariser().map(|_| ())?,
                Role::TranslateEnRu => self.translator(Lang::En).map(|_| ())?,
                Role::TranslateRuEn => self.translator(Lang::Ru).map(|_| ())?,
                Role::NerEn => {}
            }
            clock.progress((n + 1) as f32 / (required.len() + 1) as f32, ctx)?;
        }
        self.tagger().map(|_| ())
    }

    fn entities_for(&mut self, doc: &Document) -> Result<Entities> {
        if doc.language != Lang::En {
            return Ok(Entities::Unavailable {
                reason: "no Russian entity model is installed; Russian texts are not tagged".into(),
            });
        }
        let id = self.spec(Role::NerEn)?.id.clone();
        Ok(match self.tagger()? {
            Ok(tagger) => Entities::Tagged {
                model: id,
                items: tagger.tag(&[doc.text.as_str()]).remove(0),
            },
            Err(reason) => Entities::Unavailable { reason },
        })
    }
}

fn required_roles(route: Route) -> &'static [Role] {
    match route {
        Route::EnSummariseTranslate => &[Role::SummariseEn, Role::TranslateEnRu],
        Route::RuPivotThroughEn => &[Role::TranslateRuEn, Role::SummariseEn, Role::TranslateEnRu],
    }
}

fn prepare_document(p: &prepare::Prepared) -> Document {
    Document {
        language: p.language,
        text: p.text.clone(),
        sentences: p.sentences.clone(),
        entities: Entities::Unavailable {
            reason: String::new(),
        },
    }
}

/// Times one stage and relays its progress, checking for cancellation at every report.
struct Clock {
    stage: Stage,
    started: Instant,
}

impl Clock {
    fn start(stage: Stage, ctx: &mut dyn JobContext) -> Result<Clock> {
        let clock = Clock {
            stage,
            started: Instant::now(),
        };
        clock.progress(0.0, ctx)?;
        Ok(clock)
    }

    fn progress(&self, fraction: f32, ctx: &mut dyn JobContext) -> Result<()> {
        if ctx.cancelled() {
            return Err(EngineError::Cancelled);
        }
        ctx.progress(Progress {
            stage: self.stage,
            fraction: fraction.clamp(0.0, 1.0),
        });
        Ok(())
    }

    fn finish(&self, timings: &mut Vec<StageTiming>, ctx: &mut dyn JobContext) -> Result<()> {
        self.progress(1.0, ctx)?;
        timings.push(StageTiming {
            stage: self.stage,
            ms: self.started.elapsed().as_millis() as u64,
        });
        Ok(())
    }
}
