// The window's state: whether the engine is busy, the analysis shown, and the library entry it
// was saved as. Every change goes through one of these methods, which tell the window to redraw
// what depends on it (which buttons work), so no path can forget a button.

import type { Analysis } from "./bindings/Analysis";

/** The library entry the shown analysis was saved as or opened from; Save then updates it. */
export interface Saved {
  id: number;
  title: string;
  tags: string[];
  note: string;
}

export class WindowState {
  running = false;
  result: Analysis | null = null;
  saved: Saved | null = null;

  constructor(private readonly changed: (state: WindowState) => void) {}

  /** A new analysis on screen (or none, when the text was edited), with its library entry. */
  setResult(result: Analysis | null, saved: Saved | null = null) {
    this.result = result;
    this.saved = saved;
    this.changed(this);
  }

  setSaved(saved: Saved) {
    this.saved = saved;
    this.changed(this);
  }

  setRunning(running: boolean) {
    this.running = running;
    this.changed(this);
  }

  get canSave(): boolean {
    return this.result !== null && !this.running;
  }

  /** Comparing needs the summary in the language the article is not in. */
  get canCompare(): boolean {
    const a = this.result;
    if (!a || this.running) return false;
    const target = a.source_language === "en" ? a.summaries.ru : a.summaries.en;
    return target.status === "ready";
  }
}
