//! The commands the UI calls. Each is a thin wrapper over [`Jobs`] or the engine.

use svodka_analysis::Analysis;
use svodka_engine::compare::Comparison;
use svodka_engine::models::{model_status, ModelStatus};
use tauri::ipc::Channel;
use tauri::State;

use svodka_library::{Entry, ExportFormat, Hit, NewEntry, Query};

use crate::installs::Installs;
use crate::jobs::Jobs;
use crate::protocol::{
    AnalyzeRequest, CommandError, Facets, InstallEvent, PicksRequest, ProgressEvent, SaveRequest,
};
use crate::shelf::Shelf;

/// Analyses an article; progress goes to `on_progress` stage by stage.
#[tauri::command]
pub async fn analyze(
    jobs: State<'_, Jobs>,
    request: AnalyzeRequest,
    on_progress: Channel<ProgressEvent>,
) -> Result<Analysis, CommandError> {
    jobs.analyze(request.text, request.length, move |p| {
        // A closed window drops the channel's receiver; the analysis still finishes.
        let _ = on_progress.send(p.into());
    })
    .await
}

/// Other versions of the analysis's translated summary, each sentence scored by translating it
/// back; progress goes to `on_progress`. Cancelled by `cancel` like an analysis.
#[tauri::command]
pub async fn compare(
    jobs: State<'_, Jobs>,
    analysis: Analysis,
    on_progress: Channel<ProgressEvent>,
) -> Result<Comparison, CommandError> {
    jobs.compare(analysis, move |p| {
        let _ = on_progress.send(p.into());
    })
    .await
}

/// The analysis with the reader's picked sentences as its translated summary (entities found
/// again); the result is shown and can be saved like any analysis.
#[tauri::command]
pub async fn apply_picks(
    jobs: State<'_, Jobs>,
    request: PicksRequest,
) -> Result<Analysis, CommandError> {
    jobs.apply_picks(request.analysis, request.sentences, request.note)
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

/// Saves an analysis to the library (or updates a saved one); returns its id.
#[tauri::command]
pub async fn library_save(
    shelf: State<'_, Shelf>,
    request: SaveRequest,
) -> Result<i64, CommandError> {
    shelf
        .with(move |lib| match request.id {
            Some(id) => lib
                .update(id, request.meta, Some(request.analysis))
                .map(|_| id),
            None => lib.save(NewEntry::new(request.meta, request.analysis)),
        })
        .await
}

/// Saved analyses matching `query`, best first (newest first without words).
#[tauri::command]
pub async fn library_search(
    shelf: State<'_, Shelf>,
    query: Query,
) -> Result<Vec<Hit>, CommandError> {
    shelf.with(move |lib| lib.search(&query)).await
}

/// The tags and the most mentioned names, for the Library panel's filters.
#[tauri::command]
pub async fn library_facets(shelf: State<'_, Shelf>) -> Result<Facets, CommandError> {
    shelf
        .with(|lib| {
            Ok(Facets {
                tags: lib.tags()?,
                entities: lib.entities(None, 40)?,
            })
        })
        .await
}

/// One saved analysis, to show in the side-by-side view.
#[tauri::command]
pub async fn library_open(shelf: State<'_, Shelf>, id: i64) -> Result<Entry, CommandError> {
    shelf.with(move |lib| lib.get(id)).await
}

/// Moves entries to the bin (undo: `library_restore`).
#[tauri::command]
pub async fn library_delete(shelf: State<'_, Shelf>, ids: Vec<i64>) -> Result<(), CommandError> {
    shelf.with(move |lib| lib.delete(&ids)).await
}

/// Brings entries back from the bin.
#[tauri::command]
pub async fn library_restore(shelf: State<'_, Shelf>, ids: Vec<i64>) -> Result<(), CommandError> {
    shelf.with(move |lib| lib.restore(&ids)).await
}

/// Writes entries as Markdown, JSON or HTML into the exports folder; returns the file's path.
#[tauri::command]
pub async fn library_export(
    shelf: State<'_, Shelf>,
    ids: Vec<i64>,
    format: ExportFormat,
) -> Result<String, CommandError> {
    Ok(shelf.export(ids, format).await?.display().to_string())
}
