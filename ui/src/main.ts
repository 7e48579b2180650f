// Wiring: the window's state, the article pane, and the Analyse / Compare / Save / Library /
// Models flows. Each part of the window is a component of its own file.

import "./styles.css";
import { asCommandError, channel } from "./api";
import type { Analysis } from "./bindings/Analysis";
import type { Entry } from "./bindings/Entry";
import type { Length } from "./bindings/Length";
import { analyze, applyPicks, cancel, compare } from "./bindings/commands";
import { ComparePanel } from "./compare";
import { LibraryPanel } from "./library";
import { missingIn, ModelsPanel } from "./models";
import { ProgressView } from "./progress";
import { ResultView } from "./result";
import { SaveDialog } from "./save";
import { WindowState, type Saved } from "./state";
import { ArticlePane } from "./article";
import { countWords } from "./text";
import { Toast } from "./toast";
import { addBanner, clearBanner, type BannerAction, type BannerLevel } from "./view";

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from index.html`);
  return node as T;
}

const articleView = byId<HTMLDivElement>("article-view");
const analyzeButton = byId<HTMLButtonElement>("analyze");
const cancelButton = byId<HTMLButtonElement>("cancel");
const saveOpen = byId<HTMLButtonElement>("save-open");
const compareOpen = byId<HTMLButtonElement>("compare-open");
const banner = byId<HTMLUListElement>("banner");
const modelsDialog = byId<HTMLDialogElement>("models-dialog");
const libraryDialog = byId<HTMLDialogElement>("library-dialog");
const compareDialog = byId<HTMLDialogElement>("compare-dialog");

const report = (level: BannerLevel, message: string, actions: BannerAction[] = []) =>
  addBanner(banner, level, message, actions);

/** Every change of state lands here: the buttons follow it. */
const state = new WindowState((s) => {
  analyzeButton.disabled = s.running;
  cancelButton.hidden = !s.running;
  article.readOnly = s.running;
  document.body.classList.toggle("busy", s.running);
  saveOpen.disabled = !s.canSave;
  compareOpen.disabled = !s.canCompare;
  article.updateCounts(s.result?.source_language ?? null);
});
const article = new ArticlePane(
  {
    input: byId<HTMLTextAreaElement>("article-input"),
    view: articleView,
    counts: byId("counts"),
    edit: byId<HTMLButtonElement>("edit"),
  },
  {
    changed: () => state.setResult(null),
    busy: () => state.running,
    warn: (message) => report("warning", message),
  },
);

const progress = new ProgressView({
  box: byId("progress-box"),
  bar: byId<HTMLProgressElement>("progress"),
  stage: byId("stage"),
});
const toast = new Toast({ box: byId("toast"), text: byId("toast-text"), undo: byId("toast-undo") });
const models = new ModelsPanel(byId<HTMLUListElement>("models-list"), byId("models-open"), report);
const copyButton = (lang: string) =>
  document.querySelector<HTMLButtonElement>(`button.copy[data-lang="${lang}"]`)!;
const result = new ResultView(
  {
    article: articleView,
    summaries: { en: byId("summary-en"), ru: byId("summary-ru") },
    copy: { en: copyButton("en"), ru: copyButton("ru") },
    legend: byId("legend"),
    entityList: byId("entity-list"),
    notesBox: byId("notes-box"),
    notes: byId("notes"),
    timings: byId("timings"),
  },
  { banner: report, installActions },
);
const save = new SaveDialog(
  {
    dialog: byId<HTMLDialogElement>("save-dialog"),
    form: byId<HTMLFormElement>("save-form"),
    title: byId<HTMLInputElement>("save-name"),
    tags: byId<HTMLInputElement>("save-tags"),
    note: byId<HTMLTextAreaElement>("save-note"),
    cancel: byId<HTMLButtonElement>("save-cancel"),
  },
  state,
  { toast: (m) => toast.show(m), report: (m) => report("error", m) },
);
const library = new LibraryPanel(
  {
    search: byId<HTMLInputElement>("library-search"),
    tag: byId<HTMLSelectElement>("library-tag"),
    entity: byId<HTMLSelectElement>("library-entity"),
    list: byId<HTMLUListElement>("library-list"),
    status: byId("library-status"),
  },
  {
    open: (entry) => {
      libraryDialog.close();
      showSaved(entry);
    },
    report,
    toast: (message, undo) => toast.show(message, undo),
  },
);
const comparePanel = new ComparePanel({
  heading: byId("compare-heading"),
  missing: byId<HTMLUListElement>("compare-missing"),
  versions: byId<HTMLDivElement>("compare-versions"),
  slots: byId<HTMLOListElement>("compare-slots"),
  showDiff: byId<HTMLInputElement>("compare-diff"),
});

function selectedLength(): Length {
  const checked = document.querySelector<HTMLInputElement>('input[name="length"]:checked');
  return (checked?.value ?? "medium") as Length;
}

/** Shows an analysis (new, edited or from the library) in place of the editor. */
function show(analysis: Analysis, saved: Saved | null = null) {
  article.showView();
  state.setResult(analysis, saved);
  result.show(analysis, countWords(analysis.article.text));
}

/** Runs one engine job with the progress view; false when it failed (the banner says why). */
async function engineJob<T>(run: () => Promise<T>, cancelled: string, what: string): Promise<T | null> {
  state.setRunning(true);
  progress.start();
  try {
    return await run();
  } catch (e) {
    reportEngineError(e, cancelled, what);
    return null;
  } finally {
    progress.stop();
    state.setRunning(false);
  }
}

async function runAnalysis() {
  if (state.running) return;
  const text = article.text;
  clearBanner(banner);
  if (!text.trim()) {
    report("warning", "Paste an article first (English or Russian), or drop a .txt or .html file.");
    article.focus();
    return;
  }
  result.clearTimings();
  const analysis = await engineJob(
    () => analyze({ text, length: selectedLength() }, channel((e) => progress.update(e))),
    "Analysis cancelled. The article is unchanged; press Analyse to start again.",
    "This text cannot be analysed",
  );
  if (analysis) show(analysis);
}

/** A failed engine command as a banner; `what` names the work ("This text cannot be analysed"). */
function reportEngineError(e: unknown, cancelled: string, what: string) {
  const err = asCommandError(e);
  switch (err.kind) {
    case "cancelled":
      return report("info", cancelled);
    case "bad-input":
      return report("error", `${what}: ${err.message}.`);
    case "model":
      return report("error", `A model could not be used — ${err.message}. Reinstall it, or remove its folder to use the route without it.`);
    case "busy":
      return report("warning", err.message);
    default:
      return report("error", `Something went wrong: ${err.message}`);
  }
}

/** "Install …" buttons for the missing models a message names. */
function installActions(message: string): BannerAction[] {
  return missingIn(message, models.models).map((id) => ({
    label: `Install ${id}`,
    run: () => {
      modelsDialog.showModal();
      void models.install(id);
    },
  }));
}

/** A saved analysis in the side-by-side view, as when it was made. */
function showSaved(entry: Entry) {
  if (state.running) return;
  clearBanner(banner);
  article.text = entry.analysis.article.text;
  show(entry.analysis, { id: entry.id, title: entry.title, tags: entry.tags, note: entry.note });
  toast.show(`Opened “${entry.title}” from the library.`);
}

function openLibrary() {
  if (libraryDialog.open) return;
  libraryDialog.showModal();
  void library.show();
}

async function runCompare() {
  const analysis = state.result;
  if (state.running || !analysis) return;
  clearBanner(banner);
  const comparison = await engineJob(
    () => compare(analysis, channel((e) => progress.update(e))),
    "Comparison cancelled.",
    "No comparison",
  );
  if (!comparison || state.result !== analysis) return; // failed, or the reader moved on
  comparePanel.show(comparison);
  compareDialog.showModal();
}

async function applyMyVersion() {
  const analysis = state.result;
  if (!analysis) return;
  const mine = comparePanel.chosen();
  compareDialog.close();
  if (!mine.changed) {
    toast.show("Nothing changed: every sentence is this analysis's own.");
    return;
  }
  try {
    const edited = await applyPicks({ analysis, sentences: mine.sentences, note: mine.note });
    clearBanner(banner);
    show(edited, state.saved);
    toast.show(`Summary updated: Save (Ctrl+S) to keep it${state.saved ? " in the library" : ""}.`);
  } catch (e) {
    reportEngineError(e, "Cancelled.", "Your version could not be used");
  }
}

analyzeButton.addEventListener("click", () => void runAnalysis());
cancelButton.addEventListener("click", () => void cancel());
saveOpen.addEventListener("click", () => save.open());
compareOpen.addEventListener("click", () => void runCompare());
byId("library-open").addEventListener("click", openLibrary);
byId("library-close").addEventListener("click", () => libraryDialog.close());
byId("compare-close").addEventListener("click", () => compareDialog.close());
byId("compare-apply").addEventListener("click", () => void applyMyVersion());
byId("models-open").addEventListener("click", () => {
  void models.refresh();
  modelsDialog.showModal();
});
byId("models-close").addEventListener("click", () => modelsDialog.close());
document.addEventListener("keydown", (e) => {
  const ctrl = e.ctrlKey || e.metaKey;
  if (e.key === "Enter" && ctrl) {
    e.preventDefault();
    void runAnalysis();
  } else if (ctrl && e.key.toLowerCase() === "s") {
    e.preventDefault();
    save.open();
  } else if (ctrl && e.key.toLowerCase() === "o") {
    e.preventDefault();
    openLibrary();
  } else if (e.key === "Escape" && state.running) {
    e.preventDefault();
    void cancel();
  }
});

void models.refresh();
article.focus();
