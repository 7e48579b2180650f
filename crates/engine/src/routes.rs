//! The pipeline: which stages run for which language, in which order, with which models.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use crate::analysis::{
    Analysis, Document, Entities, Length, ModelUse, Route, Stage, StageTiming, Summaries, Summary,
    FORMAT_VERSION,
};
use crate::entities::slovnet::{self, Slovnet};
use crate::entities::Tagger;
use crate::error::{EngineError, Result};
use crate::lang::Lang;
use crate::models::{store, Manifest, ModelSpec, Precision, Role};
use crate::prepare::{self, sentences::split_sentences};
use crate::summarise::{extractive, Summariser};
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
    /// Where slovnet's two packs are (see [`store::default_slovnet_dir`]).
    pub slovnet_dir: PathBuf,
    pub manifest: Manifest,
    /// f32 by default (exactly transformers' results); int8 is faster and smaller.
    pub precision: Precision,
}

impl EngineConfig {
    pub fn new(models_dir: PathBuf) -> EngineConfig {
        EngineConfig {
            models_dir,
            slovnet_dir: store::default_slovnet_dir(),
            manifest: Manifest::builtin(),
            precision: Precision::default(),
        }
    }
}

/// Loaded models, kept for the worker's lifetime (loading the real ones takes seconds).
pub struct Models {
    config: EngineConfig,
    summariser: Option<Summariser>,
    /// By model id: a language pair may have several translators installed.
    translators: HashMap<String, Translator>,
    tagger: Option<Tagger>,
    slovnet: Option<Slovnet>,
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
            slovnet: None,
        }
    }

    /// The model that does `role`: the first installed one in manifest order, else the first
    /// listed (whose absence the caller then reports).
    pub(crate) fn spec(&self, role: Role) -> Result<&ModelSpec> {
        let first = self.config.manifest.for_role(role)?;
        Ok(self
            .config
            .manifest
            .all_for_role(role)
            .find(|spec| store::locate(&self.config.models_dir, spec).is_ok())
            .unwrap_or(first))
    }

    /// Every installed model for `role`, the one [`Models::spec`] picks first.
    pub(crate) fn installed(&self, role: Role) -> Vec<ModelSpec> {
        self.config
            .manifest
            .all_for_role(role)
            .filter(|spec| store::locate(&self.config.models_dir, spec).is_ok())
            .cloned()
            .collect()
    }

    pub(crate) fn summariser_installed(&self) -> bool {
        self.summariser.is_some() || !self.installed(Role::SummariseEn).is_empty()
    }

    pub(crate) fn summariser(&mut self) -> Result<&Summariser> {
        if self.summariser.is_none() {
            let spec = self.spec(Role::SummariseEn)?.clone();
            let files = store::locate(&self.config.models_dir, &spec)?;
            let settings = spec
                .generation
                .ok_or_else(|| EngineError::Manifest("summariser settings".into()))?;
            self.summariser = Some(Summariser::load(&files, settings, self.config.precision)?);
        }
        Ok(self.summariser.as_ref().expect("loaded above"))
    }

    /// The translator out of `from` (the first installed one).
    pub(crate) fn translator(&mut self, from: Lang) -> Result<&Translator> {
        let spec = self.spec(Role::translate(from))?.clone();
        self.translator_for(&spec)
    }

    pub(crate) fn translator_for(&mut self, spec: &ModelSpec) -> Result<&Translator> {
        if !self.translators.contains_key(&spec.id) {
            let files = store::locate(&self.config.models_dir, spec)?;
            let settings = spec
                .generation
                .ok_or_else(|| EngineError::Manifest("translator settings".into()))?;
            self.translators.insert(
                spec.id.clone(),
                Translator::load(&files, settings, self.config.precision)?,
            );
        }
        Ok(&self.translators[&spec.id])
    }

    /// The English tagger, or why there is none.
    fn tagger(&mut self) -> Result<std::result::Result<&Tagger, String>> {
        if self.tagger.is_none() {
            let spec = self.spec(Role::NerEn)?.clone();
            match store::locate(&self.config.models_dir, &spec) {
                Ok(files) => self.tagger = Some(Tagger::load(&files, self.config.precision)?),
                Err(_) => {
                    return Ok(Err(format!(
                        "needs the {} ({}), which is not installed",
                        Role::NerEn.describe(),
                        spec.id
                    )))
                }
            }
        }
        Ok(Ok(self.tagger.as_ref().expect("loaded above")))
    }

    /// slovnet, or why it is not there. Present but unreadable packs are an error.
    fn slovnet(&mut self) -> Result<std::result::Result<&Slovnet, String>> {
        if self.slovnet.is_none() {
            match Slovnet::load(&self.config.slovnet_dir) {
                Ok(s) => self.slovnet = Some(s),
                Err(EngineError::ModelMissing { .. }) => {
                    return Ok(Err(format!(
                        "needs the {} ({}), which is not installed",
                        Role::NerRu.describe(),
                        slovnet::ID
                    )))
                }
                Err(e) => return Err(e),
            }
        }
        Ok(Ok(self.slovnet.as_ref().expect("loaded above")))
    }

    fn slovnet_installed(&self) -> bool {
        self.slovnet.is_some() || Slovnet::is_installed(&self.config.slovnet_dir)
    }

    /// Analyses one article. The route depends on the installed models (see [`Plan`]); a model
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

        let plan = self.plan(lang)?;
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
        let mut article = prepare_document(&prepared);
        let mut translation = article_translation
            .as_ref()
            .map(|t| Document::from_sentences(Lang::En, t, pending()));
        let mut docs: Vec<&mut Document> = vec![&mut article];
        docs.extend(summaries.en.document_mut());
        docs.extend(summaries.ru.document_mut());
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

    /// Which route the installed models allow, what it needs, and what is missing.
    fn plan(&self, lang: Lang) -> Result<Plan> {
        let mut missing = HashMap::new();
        for role in [
            Role::SummariseEn,
            Role::TranslateEnRu,
            Role::TranslateRuEn,
            Role::NerEn,
        ] {
            if let Err(e) = store::locate(&self.config.models_dir, self.spec(role)?) {
                missing.insert(role, e.to_string());
            }
        }
        let has = |role| !missing.contains_key(&role);
        let route = match lang {
            Lang::En if has(Role::SummariseEn) => Route::EnSummariseTranslate,
            Lang::Ru
                if has(Role::SummariseEn)
                    && has(Role::TranslateRuEn)
                    && has(Role::TranslateEnRu) =>
            {
                Route::RuPivotThroughEn
            }
            _ => Route::Extractive,
        };
        // The summary's language is English on the abstractive routes, the article's otherwise.
        let source = if route == Route::Extractive {
            lang
        } else {
            Lang::En
        };
        let translate = Role::translate(source);
        let mut roles = match route {
            Route::EnSummariseTranslate => vec![Role::SummariseEn],
            Route::RuPivotThroughEn => vec![Role::TranslateRuEn, Role::SummariseEn],
            Route::Extractive => vec![],
        };
        let missing_translator = if missing.contains_key(&translate) {
            let spec = self.spec(translate)?;
            Some(format!(
                "needs the {} ({}), which is not installed: `svodka models install {}` \
                 (about {} MB from https://huggingface.co/{})",
                translate.describe(),
                spec.id,
                spec.id,
                spec.approx_download_mb,
                spec.repo
            ))
        } else {
            None
        };
        if missing_translator.is_none() && !roles.contains(&translate) {
            roles.push(translate);
        }
        let mut models = Vec::new();
        for role in roles
            .iter()
            .copied()
            .chain(has(Role::NerEn).then_some(Role::NerEn))
        {
            let spec = self.spec(role)?;
            models.push(ModelUse {
                role,
                id: spec.id.clone(),
                repo: spec.repo.clone(),
            });
        }
        // Russian texts are the article, a Russian extractive summary, or a translated summary.
        let russian_texts =
            lang == Lang::Ru || (source == Lang::En && missing_translator.is_none());
        let has_slovnet = self.slovnet_installed();
        if russian_texts && has_slovnet {
            models.push(ModelUse {
                role: Role::NerRu,
                id: slovnet::ID.into(),
                repo: slovnet::SOURCE.into(),
            });
        }
        let mut notes = Vec::new();
        for (role, benefit) in [
            (
                Role::SummariseEn,
                "for abstractive summaries (now: key sentences of the article)",
            ),
            (
                Role::TranslateEnRu,
                "for Russian summaries of English articles",
            ),
            (
                Role::TranslateRuEn,
                "for English summaries of Russian articles",
            ),
            (
                Role::NerEn,
                "to mark people, places and organisations in English texts",
            ),
        ] {
            if let Some(why) = missing.get(&role) {
                let spec = self.spec(role)?;
                notes.push(format!("{} {benefit}: {}", spec.id, install_clause(why)));
            }
        }
        notes.extend(self.config.precision.fallback_note());
        if !has_slovnet {
            notes.push(format!(
                "{} to mark people, places and organisations in Russian texts: {}",
                slovnet::ID,
                slovnet::install_hint()
            ));
        }
        Ok(Plan {
            route,
            roles,
            models,
            notes,
            missing_translator,
            russian_texts,
        })
    }

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

    pub(crate) fn entities_for(&mut self, doc: &Document) -> Result<Entities> {
        if doc.language == Lang::Ru {
            return Ok(match self.slovnet()? {
                Ok(slovnet) => Entities::Tagged {
                    model: slovnet::ID.into(),
                    items: slovnet.tag(&doc.text),
                },
                Err(reason) => Entities::Unavailable { reason },
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

/// What the installed models allow for one article.
struct Plan {
    route: Route,
    /// Models to load, in the order they run (the entity model is loaded separately).
    roles: Vec<Role>,
    models: Vec<ModelUse>,
    notes: Vec<String>,
    /// Why the summary cannot be translated, when its translator is not installed.
    missing_translator: Option<String>,
    /// Whether any text of the analysis is Russian (and so needs slovnet).
    russian_texts: bool,
}

/// Placeholder until the entity stage fills it in.
fn pending() -> Entities {
    Entities::Unavailable {
        reason: String::new(),
    }
}

/// "install it with … or download … into …" out of a ModelMissing message.
fn install_clause(why: &str) -> &str {
    why.find("install it with ").map_or(why, |i| &why[i..])
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
pub(crate) struct Clock {
    stage: Stage,
    started: Instant,
}

impl Clock {
    pub(crate) fn start(stage: Stage, ctx: &mut dyn JobContext) -> Result<Clock> {
        let clock = Clock {
            stage,
            started: Instant::now(),
        };
        clock.progress(0.0, ctx)?;
        Ok(clock)
    }

    pub(crate) fn progress(&self, fraction: f32, ctx: &mut dyn JobContext) -> Result<()> {
        if ctx.cancelled() {
            return Err(EngineError::Cancelled);
        }
        ctx.progress(Progress {
            stage: self.stage,
            fraction: fraction.clamp(0.0, 1.0),
        });
        Ok(())
    }

    pub(crate) fn finish(
        &self,
        timings: &mut Vec<StageTiming>,
        ctx: &mut dyn JobContext,
    ) -> Result<()> {
        self.progress(1.0, ctx)?;
        timings.push(StageTiming {
            stage: self.stage,
            ms: self.started.elapsed().as_millis() as u64,
        });
        Ok(())
    }
}
