//! svodka's desktop shell: Tauri commands over svodka-engine, nothing more. The builder is generic
//! over the runtime so tests/commands.rs runs the same app on Tauri's mock runtime.

mod commands;
mod installs;
mod jobs;
mod navigation;
pub mod protocol;

use svodka_engine::{Engine, EngineConfig};
use svodka_hub::Endpoint;
use tauri::{Builder, Runtime};

pub use jobs::Jobs;

/// The app's state and commands on any runtime: `config` says where the models are, `hub` where
/// to download them from.
pub fn app<R: Runtime>(builder: Builder<R>, config: EngineConfig, hub: Endpoint) -> Builder<R> {
    builder
        .manage(installs::Installs::new(hub, config.models_dir.clone()))
        .manage(Jobs::new(Engine::start(config.clone()), config))
        .plugin(navigation::guard())
        .invoke_handler(tauri::generate_handler![
            commands::analyze,
            commands::cancel,
            commands::models_status,
            commands::install_model,
            commands::cancel_install,
            commands::remove_model
        ])
}

/// The real app: models from `$SVODKA_MODELS` (or the OS data dir), a real window.
pub fn run() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "warn".into()),
        )
        .init();
    let config = EngineConfig::new(svodka_engine::default_models_dir());
    if let Err(e) =
        app(Builder::default(), config, Endpoint::from_env()).run(tauri::generate_context!())
    {
        tracing::error!("svodka could not start: {e}");
        std::process::exit(1);
    }
}
