//! Which models are installed, for `svodka models` and the desktop app's model panel.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::entities::slovnet::{self, Slovnet};
use crate::models::{store, Manifest, Role};

/// One model svodka can use, and whether it is usable now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ModelStatus {
    pub id: String,
    pub role: Role,
    pub installed: bool,
    /// Where it is (installed) or how to install it (missing).
    pub detail: String,
    pub licence: String,
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
            let (installed, detail) = match store::locate(models_dir, spec) {
                Ok(files) => (true, files.weights.display().to_string()),
                Err(_) => (false, store::install_hint(spec, &models_dir.join(&spec.id))),
            };
            ModelStatus {
                id: spec.id.clone(),
                role: spec.role,
                installed,
                detail,
                licence: spec.licence.clone(),
                size_mb: spec.approx_download_mb,
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
        size_mb: slovnet::SIZE_MB,
        installable: false,
    });
    out
}
