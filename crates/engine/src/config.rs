//! How the engine is set up: where models come from and how they are run.

use std::path::PathBuf;

use svodka_manifest::Manifest;

use crate::entities::slovnet;
use crate::models::Precision;

/// Where models come from and how they are run. Tests adjust the manifest's settings.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    pub models_dir: PathBuf,
    /// Where slovnet's two packs are (see [`slovnet::default_dir`]).
    pub slovnet_dir: PathBuf,
    pub manifest: Manifest,
    /// f32 by default (exactly transformers' results); int8 is faster and smaller.
    pub precision: Precision,
}

impl EngineConfig {
    pub fn new(models_dir: PathBuf) -> EngineConfig {
        EngineConfig {
            models_dir,
            slovnet_dir: slovnet::default_dir(),
            manifest: Manifest::builtin(),
            precision: Precision::default(),
        }
    }
}
