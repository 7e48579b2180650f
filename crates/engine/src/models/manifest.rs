//! models/manifest.toml: the one table of per-model knowledge (source, files, tokenizer,
//! generation settings). Compiled into the engine so a binary always knows its models.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::error::{EngineError, Result};

const BUILTIN: &str = include_str!("../../../../models/manifest.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct Manifest {
    pub format: u32,
    #[serde(rename = "model")]
    pub models: Vec<ModelSpec>,
}

pub use svodka_analysis::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Architecture {
    Bart,
    Marian,
    BertTokenClassification,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ModelSpec {
    pub id: String,
    pub role: Role,
    pub architecture: Architecture,
    pub repo: String,
    pub revision: String,
    pub licence: String,
    pub approx_download_mb: u32,
    pub weights: Vec<String>,
    pub tokenizer: Vec<String>,
    pub download: Vec<String>,
    #[serde(default)]
    pub generation: Option<Generation>,
    #[serde(default)]
    pub presets: BTreeMap<String, LengthRange>,
}

/// Beam-search settings, applied identically by the engine and by the fixture generator.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct Generation {
    pub num_beams: i64,
    pub length_penalty: f64,
    pub no_repeat_ngram_size: i64,
    pub early_stopping: bool,
    pub min_length: i64,
    pub max_length: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct LengthRange {
    pub min_length: i64,
    pub max_length: i64,
}

impl Manifest {
    pub fn builtin() -> Manifest {
        // The file is compiled in and checked by a test, so failing here is a build defect.
        Self::parse(BUILTIN).expect("models/manifest.toml is valid")
    }

    pub fn parse(text: &str) -> Result<Manifest> {
        let m: Manifest = toml::from_str(text).map_err(|e| EngineError::Manifest(e.to_string()))?;
        for spec in &m.models {
            let generative = matches!(spec.architecture, Architecture::Bart | Architecture::Marian);
            if generative && spec.generation.is_none() {
                return Err(EngineError::Manifest(format!(
                    "{} has no generation settings",
                    spec.id
                )));
            }
            if spec.role == Role::SummariseEn {
                for preset in ["short", "medium", "long"] {
                    if !spec.presets.contains_key(preset) {
                        return Err(EngineError::Manifest(format!(
                            "{} lacks preset {preset}",
                            spec.id
                        )));
                    }
                }
            }
        }
        Ok(m)
    }

    /// Every model listed for `role`, in order of preference.
    pub fn all_for_role(&self, role: Role) -> impl Iterator<Item = &ModelSpec> {
        self.models.iter().filter(move |m| m.role == role)
    }

    pub fn for_role(&self, role: Role) -> Result<&ModelSpec> {
        self.models
            .iter()
            .find(|m| m.role == role)
            .ok_or_else(|| EngineError::Manifest(format!("no model for role {role:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_manifest_covers_every_role() {
        let m = Manifest::builtin();
        for role in [
            Role::SummariseEn,
            Role::TranslateEnRu,
            Role::TranslateRuEn,
            Role::NerEn,
        ] {
            let spec = m.for_role(role).unwrap();
            assert!(
                spec.download.iter().any(|f| spec.weights.contains(f)),
                "{} downloads no weights",
                spec.id
            );
            for f in &spec.tokenizer {
                assert!(
                    spec.download.contains(f),
                    "{} does not download {f}",
                    spec.id
                );
            }
        }
    }

    #[test]
    fn rejects_a_generative_model_without_settings() {
        let text = r#"format = 1
[[model]]
id = "x"
role = "translate-en-ru"
architecture = "marian"
repo = "a/b"
revision = "main"
licence = "MIT"
approx_download_mb = 1
weights = ["model.safetensors"]
tokenizer = ["vocab.json"]
download = []
"#;
        assert!(matches!(
            Manifest::parse(text),
            Err(EngineError::Manifest(_))
        ));
    }
}
