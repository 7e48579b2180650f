//! The loaded models, kept for the worker's lifetime (loading the real ones takes seconds):
//! each is loaded on first use from the model store, and found again after a panic by starting
//! a new cache.

use std::collections::HashMap;

use svodka_analysis::{Lang, Role};
use svodka_manifest::{installed, ModelSpec};

use crate::config::EngineConfig;
use crate::entities::slovnet::{self, Slovnet};
use crate::entities::Tagger;
use crate::error::{EngineError, Result};
use crate::plan::{model_for, Installed};
use crate::summarise::Summariser;
use crate::translate::Translator;

pub struct ModelCache {
    config: EngineConfig,
    summariser: Option<Summariser>,
    /// By model id: a language pair may have several translators installed.
    translators: HashMap<String, Translator>,
    tagger: Option<Tagger>,
    slovnet: Option<Slovnet>,
}

impl ModelCache {
    pub fn new(config: EngineConfig) -> ModelCache {
        ModelCache {
            config,
            summariser: None,
            translators: HashMap::new(),
            tagger: None,
            slovnet: None,
        }
    }

    pub fn config(&self) -> &EngineConfig {
        &self.config
    }

    /// What the model store holds now, for [`crate::plan::plan`].
    pub(crate) fn installed_now(&self) -> Result<Installed> {
        let slovnet = self.slovnet.is_some() || Slovnet::is_installed(&self.config.slovnet_dir);
        Installed::find(&self.config.manifest, &self.config.models_dir, slovnet)
    }

    /// The model that does `role`: the first installed one in manifest order, else the first
    /// listed (whose absence the caller then reports).
    pub(crate) fn spec(&self, role: Role) -> Result<&ModelSpec> {
        Ok(model_for(&self.config.manifest, &self.config.models_dir, role)?.0)
    }

    /// Every installed model for `role`, the one [`ModelCache::spec`] picks first.
    pub(crate) fn installed(&self, role: Role) -> Vec<ModelSpec> {
        self.config
            .manifest
            .all_for_role(role)
            .filter(|spec| installed(&self.config.models_dir, spec).is_ok())
            .cloned()
            .collect()
    }

    pub(crate) fn summariser_installed(&self) -> bool {
        self.summariser.is_some() || !self.installed(Role::SummariseEn).is_empty()
    }

    pub(crate) fn summariser(&mut self) -> Result<&Summariser> {
        if self.summariser.is_none() {
            let spec = self.spec(Role::SummariseEn)?.clone();
            let files = installed(&self.config.models_dir, &spec)?;
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
            let files = installed(&self.config.models_dir, spec)?;
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
    pub(crate) fn tagger(&mut self) -> Result<std::result::Result<&Tagger, String>> {
        if self.tagger.is_none() {
            let spec = self.spec(Role::NerEn)?.clone();
            match installed(&self.config.models_dir, &spec) {
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
    pub(crate) fn slovnet(&mut self) -> Result<std::result::Result<&Slovnet, String>> {
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
}
