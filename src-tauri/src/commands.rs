//! The commands the UI calls. Each is a thin wrapper over [`Jobs`] or the engine.

use svodka_engine::models::{model_status, ModelStatus};
use svodka_engine::Analysis;
use tauri::ipc::Channel;
use tauri::State;

use crate::installs::Installs;
use crate::jobs::Jobs;
use crate::protocol::{AnalyzeRequest, CommandError, InstallEvent, ProgressEvent};

/// Analyses an article; progress goes to `on_progress` stage by stage.
#[tauri::command]
pub async fn analyze(
    jobs: State<'_, Jobs>,
    request: AnalyzeRequest,
    on_progress: Channel<ProgressEvent>,
) -> Result<Analysis, CommandError> {
    jobs.analyze(request.text, request.length, move |p| {
        // A closed window drops the channel's receiver; the analysis still finishes.
        let _ = on_progress.send(ProgressEvent {
            stage: p.stage,
            fraction: p.fraction,
            label: p.stage.describe().to_string(),
        });
    })
    .await
}

/// Cancels the running analysis; false when none runs.
#[tauri::command]
pub fn cancel(jobs: State<'_, Jobs>) -> bool {
    jobs.cancel()
}

/// Every model svodka can use and whether it is installed.
#[tauri::command]
pub fn models_status(jobs: State<'_, Jobs>) -> Vec<ModelStatus> {
    model_status(
        &jobs.config.manifest,
        &jobs.config.models_dir,
        &jobs.config.slovnet_dir,
    )
}

/// Downloads a model from the Hub; progress goes to `on_progress`.
#[tauri::command]
pub async fn install_model(
    installs: State<'_, Installs>,
    id: String,
    on_progress: Channel<InstallEvent>,
) -> Result<(), CommandError> {
    installs
        .install(&id, move |p| {
            let _ = on_progress.send(InstallEvent {
                file: p.file,
                done: p.done,
                total: p.total,
                rate: p.rate,
            });
        })
        .await
}

/// Stops a running install (the partial download is kept for resuming); false when none runs.
#[tauri::command]
pub fn cancel_install(installs: State<'_, Installs>, id: String) -> bool {
    installs.cancel(&id)
}

/// Deletes an installed model's folder; false when it was not installed.
#[tauri::command]
pub fn remove_model(installs: State<'_, Installs>, id: String) -> Result<bool, CommandError> {
    installs.remove(&id)
}
