//! models/manifest.toml: the one table of per-model knowledge (source, licence, files, tokenizer,
//! generation settings), parsed here and nowhere else.

use std::collections::BTreeMap;

use serde::Deserialize;
use svodka_analysis::Role;

const BUILTIN: &str = include_str!("../../../models/manifest.toml");

#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    #[error("the model manifest is invalid: {0}")]
    Invalid(String),
    #[error("unknown model {0}; `svodka models list` shows the known ones")]
    UnknownModel(String),
}

#[derive(Debug, Clone, Deserialize)]
pub struct Manifest {
    pub format: u32,
    #[serde(rename = "model")]
    pub models: Vec<ModelSpec>,
}

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
    /// Languages the model reads or writes ("en", "ru").
    pub languages: Vec<String>,
    pub architecture: Architecture,
    pub repo: String,
    pub revision: String,
    pub licence: String,
    pub approx_download_mb: u32,
    /// Accepted weight files in order of preference; the first present is loaded.
    pub weights: Vec<String>,
    pub tokenizer: Vec<String>,
    /// The files an install fetches, relative to the repository root.
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

    pub fn parse(text: &str) -> Result<Manifest, ManifestError> {
        let m: Manifest =
            toml::from_str(text).map_err(|e| ManifestError::Invalid(e.to_string()))?;
        for spec in &m.models {
            let generative = matches!(spec.architecture, Architecture::Bart | Architecture::Marian);
            if generative && spec.generation.is_none() {
                return Err(ManifestError::Invalid(format!(
                    "{} has no generation settings",
                    spec.id
                )));
            }
            if spec.role == Role::SummariseEn {
                for preset in ["short", "medium", "long"] {
                    if !spec.presets.contains_key(preset) {
                        return Err(ManifestError::Invalid(format!(
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

    /// The first model listed for `role`.
    pub fn for_role(&self, role: Role) -> Result<&ModelSpec, ManifestError> {
        self.all_for_role(role)
            .next()
            .ok_or_else(|| ManifestError::Invalid(format!("no model for role {role:?}")))
    }

    pub fn find(&self, id: &str) -> Result<&ModelSpec, ManifestError> {
        self.models
            .iter()
            .find(|m| m.id == id)
            .ok_or_else(|| ManifestError::UnknownModel(id.to_string()))
    }
}

impl ModelSpec {
    /// Licences that forbid commercial use are flagged to the reader before installing.
    pub fn non_commercial(&self) -> bool {
        let l = self.licence.to_ascii_lowercase();
        l.contains("-nc") || l.contains("non-commercial") || l.contains("noncommercial")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_manifest_covers_every_role_with_files_and_a_licence() {
        let m = Manifest::builtin();
        assert_eq!(m.models.len(), 4);
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
            assert!(
                spec.download.iter().any(|f| f == "config.json"),
                "{}",
                spec.id
            );
            for f in &spec.tokenizer {
                assert!(
                    spec.download.contains(f),
                    "{} does not download {f}",
                    spec.id
                );
            }
            assert!(
                !spec.licence.is_empty() && !spec.non_commercial(),
                "{}",
                spec.id
            );
            assert!(!spec.languages.is_empty(), "{}", spec.id);
        }
        assert!(matches!(
            m.find("nope"),
            Err(ManifestError::UnknownModel(_))
        ));
    }

    #[test]
    fn flags_non_commercial_licences_only() {
        let mut spec = Manifest::builtin().models[0].clone();
        for (licence, nc) in [
            ("CC-BY-NC-4.0", true),
            ("cc-by-nc-sa-4.0", true),
            ("CC-BY-4.0", false),
            ("Apache-2.0", false),
        ] {
            spec.licence = licence.into();
            assert_eq!(spec.non_commercial(), nc, "{licence}");
        }
    }

    #[test]
    fn rejects_a_generative_model_without_settings() {
        let text = r#"format = 1
[[model]]
id = "x"
role = "translate-en-ru"
languages = ["en", "ru"]
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
            Err(ManifestError::Invalid(_))
        ));
    }
}
