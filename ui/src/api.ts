// Helpers around the generated command wrappers (bindings/commands.ts): progress channels and
// the error every command rejects with.

import { Channel } from "@tauri-apps/api/core";
import type { CommandError } from "./bindings/CommandError";

/** A channel that hands each message to `onMessage` (progress of analyses and installs). */
export function channel<T>(onMessage: (message: T) => void): Channel<T> {
  const c = new Channel<T>();
  c.onmessage = onMessage;
  return c;
}

/** Whatever a command rejected with, as a CommandError. */
export function asCommandError(e: unknown): CommandError {
  if (e && typeof e === "object" && "kind" in e && "message" in e) {
    return e as CommandError;
  }
  return { kind: "internal", message: String(e) };
}
