//! Which models are installed, for `svodka models` and the desktop app's model panel.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::entities::slovnet::{self, Slovnet};
use svodka_analysis::Role;
use svodka_manifest::{install_hint, installed, Manifest};

/// One model svodka can use, and whether it is usable now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ModelStatus {
    pub id: String,
    pub role: Role,
    pub installed: bool,
    /// Where it is (installed) or how to install it (missing).
    pub detail: String,
    pub licence: String,
    /// The licence forbids commercial use (the reader is told before installing).
    pub non_commercial: bool,
    /// Languages the model reads or writes ("en", "ru").
    pub languages: Vec<String>,
    pub size_mb: u32,
    /// Whether `svodka models install` / the app can download it (slovnet ships with svodka).
    pub installable: bool,
}

/// Every model of the manifest in `models_dir`, then the bundled slovnet in `slovnet_dir`.
pub fn model_status(
    manifest: &Manifest,
    models_dir: &Path,
    slovnet_dir: &Path,
) -> Vec<ModelStatus> {
    let mut out: Vec<ModelStatus> = manifest
        .models
        .iter()
        .map(|spec| {
            let (installed, detail) = match installed(models_dir, spec) {
                Ok(files) => (true, files.weights.display().to_string()),
                Err(_) => (false, install_hint(spec, &models_dir.join(&spec.id))),
            };
            ModelStatus {
                id: spec.id.clone(),
                role: spec.role,
                installed,
                detail,
                licence: spec.licence.clone(),
                non_commercial: spec.non_commercial(),
                languages: spec.languages.clone(),
                size_mb: spec.download_mb(),
                installable: true,
            }
        })
        .collect();
    let installed = Slovnet::is_installed(slovnet_dir);
    out.push(ModelStatus {
        id: slovnet::ID.into(),
        role: Role::NerRu,
        installed,
        detail: if installed {
            slovnet_dir.display().to_string()
        } else {
            slovnet::install_hint()
        },
        licence: slovnet::LICENCE.into(),
        non_commercial: false,
        languages: vec!["ru".into()],
        size_mb: slovnet::SIZE_MB,
        installable: false,
    });
    out
}
