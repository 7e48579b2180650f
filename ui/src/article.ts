// The article pane: the text box (paste, type, or drop a file anywhere in the window), its
// counts, and the marked-up view that replaces it once the text is analysed.

import type { Lang } from "./bindings/Lang";
import { languageName } from "./names";
import { acceptsFile, countChars, countWords, formatCount, scriptHint } from "./text";

/** The largest file svodka reads (the engine's limit on raw input, 8 MiB). */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** Texts longer than this are counted once typing pauses, not at every keystroke. */
const COUNT_AT_ONCE = 20_000;

export class ArticlePane {
  private countTimer: number | undefined;

  constructor(
    private readonly root: {
      input: HTMLTextAreaElement;
      view: HTMLElement;
      counts: HTMLElement;
      edit: HTMLButtonElement;
    },
    private readonly hooks: {
      /** The text changed: any analysis on screen no longer belongs to it. */
      changed: () => void;
      busy: () => boolean;
      warn: (message: string) => void;
    },
  ) {
    root.input.addEventListener("input", () => hooks.changed());
    root.edit.addEventListener("click", () => this.showEditor());
    // Without these the web view would try to open a dropped file as a page (which the shell
    // refuses).
    document.addEventListener("dragover", (e) => {
      e.preventDefault();
      root.input.classList.add("dropping");
    });
    document.addEventListener("dragleave", () => root.input.classList.remove("dropping"));
    document.addEventListener("drop", (e) => {
      e.preventDefault();
      root.input.classList.remove("dropping");
      void this.drop(e.dataTransfer?.files[0]);
    });
  }

  get text(): string {
    return this.root.input.value;
  }

  /** Replaces the text (an analysis opened from the library brings its own). */
  set text(value: string) {
    this.root.input.value = value;
  }

  set readOnly(on: boolean) {
    this.root.input.readOnly = on;
  }

  focus() {
    this.root.input.focus();
  }

  /** The marked-up view (the caller renders into it) instead of the text box, whose text stays
   * as typed or pasted for Edit text. */
  showView() {
    this.root.input.hidden = true;
    this.root.view.hidden = false;
    this.root.edit.hidden = false;
  }

  showEditor() {
    this.root.view.hidden = true;
    this.root.input.hidden = false;
    this.root.edit.hidden = true;
    this.root.input.focus();
  }

  /** Characters, words, and the language (as detected, or as the script suggests). */
  updateCounts(detected: Lang | null) {
    window.clearTimeout(this.countTimer);
    if (this.text.length > COUNT_AT_ONCE) {
      this.countTimer = window.setTimeout(() => this.count(detected), 300);
    } else {
      this.count(detected);
    }
  }

  private count(detected: Lang | null) {
    const text = this.text;
    if (!text.trim()) {
      this.root.counts.textContent = "";
      return;
    }
    const parts = [`${formatCount(countChars(text))} characters`, `${formatCount(countWords(text))} words`];
    const hint = detected ? null : scriptHint(text);
    if (detected) parts.push(languageName(detected));
    else if (hint) parts.push(`looks ${languageName(hint)}`);
    this.root.counts.textContent = parts.join(" · ");
  }

  private async drop(file: File | undefined) {
    if (!file || this.hooks.busy()) return;
    if (!acceptsFile(file.name, file.type)) {
      this.hooks.warn(`${file.name} is not a text or HTML file; svodka reads .txt and .html.`);
      return;
    }
    // Refused before reading: a huge file would stall the window just to be refused later.
    if (file.size > MAX_FILE_BYTES) {
      const mb = (file.size / (1024 * 1024)).toFixed(1);
      this.hooks.warn(`${file.name} is ${mb} MB; svodka reads articles of up to 8 MB.`);
      return;
    }
    this.root.input.value = await file.text();
    this.showEditor();
    this.hooks.changed();
  }
}
