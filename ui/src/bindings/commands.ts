// Generated from src-tauri/src/commands.rs by src-tauri/tests/bindings.rs. Do not edit:
// rename or change a command there and run UPDATE_BINDINGS=1 cargo test -p svodka-desktop --test bindings.

import { Channel, invoke } from "@tauri-apps/api/core";
import type { Analysis } from "./Analysis";
import type { AnalyzeRequest } from "./AnalyzeRequest";
import type { Comparison } from "./Comparison";
import type { Entry } from "./Entry";
import type { ExportFormat } from "./ExportFormat";
import type { Facets } from "./Facets";
import type { Hit } from "./Hit";
import type { InstallEvent } from "./InstallEvent";
import type { ModelStatus } from "./ModelStatus";
import type { PicksRequest } from "./PicksRequest";
import type { ProgressEvent } from "./ProgressEvent";
import type { Query } from "./Query";
import type { SaveRequest } from "./SaveRequest";

/** Analyses an article; progress goes to `on_progress` stage by stage. */
export function analyze(request: AnalyzeRequest, onProgress: Channel<ProgressEvent>): Promise<Analysis> {
  return invoke<Analysis>("analyze", { request, onProgress });
}

/** Other versions of the analysis's translated summary, each sentence scored by translating it back; progress goes to `on_progress`. Cancelled by `cancel` like an analysis. */
export function compare(analysis: Analysis, onProgress: Channel<ProgressEvent>): Promise<Comparison> {
  return invoke<Comparison>("compare", { analysis, onProgress });
}

/** The analysis with the reader's picked sentences as its translated summary (entities found again); the result is shown and can be saved like any analysis. */
export function applyPicks(request: PicksRequest): Promise<Analysis> {
  return invoke<Analysis>("apply_picks", { request });
}

/** Cancels the running analysis; false when none runs. */
export function cancel(): Promise<boolean> {
  return invoke<boolean>("cancel");
}

/** Every model svodka can use and whether it is installed. */
export function modelsStatus(): Promise<ModelStatus[]> {
  return invoke<ModelStatus[]>("models_status");
}

/** Downloads a model from the Hub; progress goes to `on_progress`. */
export function installModel(id: string, onProgress: Channel<InstallEvent>): Promise<void> {
  return invoke<void>("install_model", { id, onProgress });
}

/** Stops a running install (the partial download is kept for resuming); false when none runs. */
export function cancelInstall(id: string): Promise<boolean> {
  return invoke<boolean>("cancel_install", { id });
}

/** Deletes an installed model's folder; false when it was not installed. */
export function removeModel(id: string): Promise<boolean> {
  return invoke<boolean>("remove_model", { id });
}

/** Saves an analysis to the library (or updates a saved one); returns its id. */
export function librarySave(request: SaveRequest): Promise<number> {
  return invoke<number>("library_save", { request });
}

/** Saved analyses matching `query`, best first (newest first without words). */
export function librarySearch(query: Query): Promise<Hit[]> {
  return invoke<Hit[]>("library_search", { query });
}

/** The tags and the most mentioned names, for the Library panel's filters. */
export function libraryFacets(): Promise<Facets> {
  return invoke<Facets>("library_facets");
}

/** One saved analysis, to show in the side-by-side view. */
export function libraryOpen(id: number): Promise<Entry> {
  return invoke<Entry>("library_open", { id });
}

/** Moves entries to the bin (undo: `library_restore`). */
export function libraryDelete(ids: number[]): Promise<void> {
  return invoke<void>("library_delete", { ids });
}

/** Brings entries back from the bin. */
export function libraryRestore(ids: number[]): Promise<void> {
  return invoke<void>("library_restore", { ids });
}

/** Writes entries as Markdown, JSON or HTML into the exports folder; returns the file's path. */
export function libraryExport(ids: number[], format: ExportFormat): Promise<string> {
  return invoke<string>("library_export", { ids, format });
}
