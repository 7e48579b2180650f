// The commands of svodka-desktop, typed with the declarations generated from the Rust types
// (src/bindings/, by ts-rs; `cargo test -p svodka-desktop` checks they are current).

import { Channel, invoke } from "@tauri-apps/api/core";
import type { Analysis } from "./bindings/Analysis";
import type { AnalyzeRequest } from "./bindings/AnalyzeRequest";
import type { CommandError } from "./bindings/CommandError";
import type { InstallEvent } from "./bindings/InstallEvent";
import type { ModelStatus } from "./bindings/ModelStatus";
import type { ProgressEvent } from "./bindings/ProgressEvent";

export function analyze(
  request: AnalyzeRequest,
  onProgress: (event: ProgressEvent) => void,
): Promise<Analysis> {
  const channel = new Channel<ProgressEvent>();
  channel.onmessage = onProgress;
  return invoke<Analysis>("analyze", { request, onProgress: channel });
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
