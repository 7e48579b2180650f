// The commands of svodka-desktop, typed with the declarations generated from the Rust types
// (src/bindings/, by ts-rs; `cargo test -p svodka-desktop` checks they are current).

import { Channel, invoke } from "@tauri-apps/api/core";
import type { Analysis } from "./bindings/Analysis";
import type { AnalyzeRequest } from "./bindings/AnalyzeRequest";
import type { CommandError } from "./bindings/CommandError";
import type { Comparison } from "./bindings/Comparison";
import type { Entry } from "./bindings/Entry";
import type { ExportFormat } from "./bindings/ExportFormat";
import type { Facets } from "./bindings/Facets";
import type { Hit } from "./bindings/Hit";
import type { InstallEvent } from "./bindings/InstallEvent";
import type { ModelStatus } from "./bindings/ModelStatus";
import type { PicksRequest } from "./bindings/PicksRequest";
import type { ProgressEvent } from "./bindings/ProgressEvent";
import type { Query } from "./bindings/Query";
import type { SaveRequest } from "./bindings/SaveRequest";

export function analyze(
  request: AnalyzeRequest,
  onProgress: (event: ProgressEvent) => void,
): Promise<Analysis> {
  const channel = new Channel<ProgressEvent>();
  channel.onmessage = onProgress;
  return invoke<Analysis>("analyze", { request, onProgress: channel });
}

export function compare(
  analysis: Analysis,
  onProgress: (event: ProgressEvent) => void,
): Promise<Comparison> {
  const channel = new Channel<ProgressEvent>();
  channel.onmessage = onProgress;
  return invoke<Comparison>("compare", { analysis, onProgress: channel });
}

export function applyPicks(request: PicksRequest): Promise<Analysis> {
  return invoke<Analysis>("apply_picks", { request });
}

export function cancel(): Promise<boolean> {
  return invoke<boolean>("cancel");
}

export function modelsStatus(): Promise<ModelStatus[]> {
  return invoke<ModelStatus[]>("models_status");
}

/** Whatever a command rejected with, as a CommandError. */
export function asCommandError(e: unknown): CommandError {
  if (e && typeof e === "object" && "kind" in e && "message" in e) {
    return e as CommandError;
  }
  return { kind: "internal", message: String(e) };
}

export function installModel(id: string, onProgress: (event: InstallEvent) => void): Promise<void> {
  const channel = new Channel<InstallEvent>();
  channel.onmessage = onProgress;
  return invoke<void>("install_model", { id, onProgress: channel });
}

export function cancelInstall(id: string): Promise<boolean> {
  return invoke<boolean>("cancel_install", { id });
}

export function removeModel(id: string): Promise<boolean> {
  return invoke<boolean>("remove_model", { id });
}

export function librarySave(request: SaveRequest): Promise<number> {
  return invoke<number>("library_save", { request });
}

export function librarySearch(query: Query): Promise<Hit[]> {
  return invoke<Hit[]>("library_search", { query });
}

export function libraryFacets(): Promise<Facets> {
  return invoke<Facets>("library_facets");
}

export function libraryOpen(id: number): Promise<Entry> {
  return invoke<Entry>("library_open", { id });
}

export function libraryDelete(ids: number[]): Promise<void> {
  return invoke<void>("library_delete", { ids });
}

export function libraryRestore(ids: number[]): Promise<void> {
  return invoke<void>("library_restore", { ids });
}

/** Writes the entries to the exports folder; resolves to the file's path. */
export function libraryExport(ids: number[], format: ExportFormat): Promise<string> {
  return invoke<string>("library_export", { ids, format });
}
