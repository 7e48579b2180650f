//! The models to install, read from the same models/manifest.toml the engine uses (compiled in);
//! only the fields about where a model comes from.

use serde::Deserialize;

use crate::error::{HubError, Result};

const BUILTIN: &str = include_str!("../../../models/manifest.toml");

#[derive(Debug, Clone, Deserialize)]
pub struct HubModel {
    pub id: String,
    pub role: String,
    pub repo: String,
    pub revision: String,
    pub licence: String,
    /// Languages the model reads or writes ("en", "ru").
    #[serde(default)]
    pub languages: Vec<String>,
    pub approx_download_mb: u32,
    /// The files to fetch, relative to the repository root.
    pub download: Vec<String>,
}

#[derive(Deserialize)]
struct Manifest {
    model: Vec<HubModel>,
}

impl HubModel {
    pub fn builtin() -> Vec<HubModel> {
        // Compiled in and parsed by a test: failing here is a build defect.
        toml::from_str::<Manifest>(BUILTIN)
            .expect("models/manifest.toml is valid")
            .model
    }

    pub fn find(id: &str) -> Result<HubModel> {
        Self::builtin()
            .into_iter()
            .find(|m| m.id == id)
            .ok_or_else(|| HubError::UnknownModel(id.to_string()))
    }

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
    fn every_manifest_model_has_files_and_a_licence() {
        let models = HubModel::builtin();
        assert_eq!(models.len(), 4);
        for m in &models {
            assert!(m.download.iter().any(|f| f == "config.json"), "{}", m.id);
            assert!(!m.licence.is_empty() && !m.non_commercial(), "{}", m.id);
            assert!(!m.languages.is_empty(), "{}", m.id);
        }
        assert!(matches!(
            HubModel::find("nope"),
            Err(HubError::UnknownModel(_))
        ));
    }
}
