//! svodka's desktop shell: Tauri commands over svodka-engine, nothing more. The builder is generic
//! over the runtime so tests/commands.rs runs the same app on Tauri's mock runtime.

mod busy;
mod commands;
mod installs;
mod jobs;
mod navigation;
pub mod protocol;
mod shelf;

use std::path::PathBuf;

use svodka_engine::{Engine, EngineConfig};
use svodka_hub::Endpoint;
use tauri::{Builder, Runtime};

pub use jobs::Jobs;

/// Where the app keeps the reader's things.
#[derive(Debug, Clone)]
pub struct Places {
    /// The library file.
    pub library: PathBuf,
    /// Where exports are written.
    pub exports: PathBuf,
}

impl Places {
    /// `$SVODKA_LIBRARY` (else the data folder) and `$SVODKA_EXPORT_DIR` (else Downloads, else
    /// the home folder).
    pub fn from_env() -> Places {
        let exports = std::env::var_os("SVODKA_EXPORT_DIR")
            .map(PathBuf::from)
            .or_else(dirs::download_dir)
            .or_else(dirs::home_dir)
            .unwrap_or_else(|| PathBuf::from("."));
        Places {
            library: svodka_library::default_library_path(),
            exports,
        }
    }
}

/// The app's state and commands on any runtime: `config` says where the models are, `hub` where
/// to download them from, `places` where the library and exports go.
pub fn app<R: Runtime>(
    builder: Builder<R>,
    config: EngineConfig,
    hub: Endpoint,
    places: Places,
) -> Builder<R> {
    builder
        .manage(shelf::Shelf::new(places.library, places.exports))
        .manage(installs::Installs::new(
            hub,
            config.models_dir.clone(),
            config.manifest.clone(),
        ))
        .manage(Jobs::new(Engine::start(config.clone()), config))
        .plugin(navigation::guard())
        .invoke_handler(tauri::generate_handler![
            commands::analyze,
            commands::cancel,
            commands::compare,
            commands::apply_picks,
            commands::models_status,
            commands::install_model,
            commands::cancel_install,
            commands::remove_model,
            commands::library_save,
            commands::library_search,
            commands::library_facets,
            commands::library_open,
            commands::library_delete,
            commands::library_restore,
            commands::library_export
        ])
}

/// The real app: models from `$SVODKA_MODELS` (or the OS data dir), a real window.
pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .init();
    let manifest = match svodka_manifest::Manifest::from_env() {
        Ok(m) => m,
        Err(e) => {
            tracing::error!("svodka could not start: {e}");
            std::process::exit(1);
        }
    };
    let config = EngineConfig {
        precision: svodka_engine::models::Precision::from_env(),
        manifest,
        ..EngineConfig::new(svodka_manifest::default_models_dir())
    };
    let places = Places::from_env();
    if let Err(e) = app(Builder::default(), config, Endpoint::from_env(), places)
        .run(tauri::generate_context!())
    {
        tracing::error!("svodka could not start: {e}");
        std::process::exit(1);
    }
}
