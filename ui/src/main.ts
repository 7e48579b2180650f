// Wiring: the article pane, the Analyse/Cancel flow with progress, and the result view.

import "./styles.css";
import {
  analyze,
  applyPicks,
  asCommandError,
  cancel,
  compare,
  libraryOpen,
  librarySave,
} from "./api";
import { ComparePanel } from "./compare";
import { LibraryPanel, parseTags } from "./library";
import { missingIn, ModelsPanel } from "./models";
import type { Analysis } from "./bindings/Analysis";
import type { Entry } from "./bindings/Entry";
import type { Length } from "./bindings/Length";
import type { Summary } from "./bindings/Summary";
import { acceptsFile, countChars, countWords, formatCount, scriptHint } from "./text";
import {
  addBanner,
  clearBanner,
  entityCounts,
  renderArticle,
  renderEntityList,
  renderLegend,
  renderSummary,
  renderUnavailable,
} from "./view";

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`#${id} is missing from index.html`);
  return node as T;
}

const input = byId<HTMLTextAreaElement>("article-input");
const articleView = byId<HTMLDivElement>("article-view");
const counts = byId<HTMLSpanElement>("counts");
const editButton = byId<HTMLButtonElement>("edit");
const analyseButton = byId<HTMLButtonElement>("analyse");
const cancelButton = byId<HTMLButtonElement>("cancel");
const progressBox = byId<HTMLDivElement>("progress-box");
const progress = byId<HTMLProgressElement>("progress");
const stage = byId<HTMLSpanElement>("stage");
const timings = byId<HTMLParagraphElement>("timings");
const banner = byId<HTMLUListElement>("banner");
const summaryEn = byId<HTMLDivElement>("summary-en");
const summaryRu = byId<HTMLDivElement>("summary-ru");
const legend = byId<HTMLDivElement>("legend");
const entityList = byId<HTMLUListElement>("entity-list");
const notesBox = byId<HTMLDivElement>("notes-box");
const notes = byId<HTMLUListElement>("notes");

const LANGUAGE_NAMES = { en: "English", ru: "Russian" } as const;

let running = false;
let result: Analysis | null = null;
/** The library entry the shown analysis was saved as or opened from; Save then updates it. */
let saved: { id: number; title: string; tags: string[]; note: string } | null = null;

function selectedLength(): Length {
  const checked = document.querySelector<HTMLInputElement>('input[name="length"]:checked');
  return (checked?.value ?? "medium") as Length;
}

function updateCounts() {
  const text = input.value;
  if (!text.trim()) {
    counts.textContent = "";
    return;
  }
  const parts = [
    `${formatCount(countChars(text))} characters`,
    `${formatCount(countWords(text))} words`,
  ];
  const detected = result?.source_language;
  if (detected) parts.push(LANGUAGE_NAMES[detected]);
  else {
    const hint = scriptHint(text);
    if (hint) parts.push(`looks ${LANGUAGE_NAMES[hint]}`);
  }
  counts.textContent = parts.join(" · ");
}

function showEditor() {
  articleView.hidden = true;
  input.hidden = false;
  editButton.hidden = true;
  input.focus();
}

function setRunning(on: boolean) {
  running = on;
  analyseButton.disabled = on;
  cancelButton.hidden = !on;
  input.readOnly = on;
  document.body.classList.toggle("busy", on);
  if (on) {
    progressBox.hidden = false;
    progress.value = 0;
    stage.textContent = "starting";
  } else {
    progressBox.hidden = true;
  }
}

async function runAnalysis() {
  if (running) return;
  const text = input.value;
  if (!text.trim()) {
    clearBanner(banner);
    addBanner(banner, "warning", "Paste an article first (English or Russian), or drop a .txt or .html file.");
    input.focus();
    return;
  }
  clearBanner(banner);
  timings.textContent = "";
  setRunning(true);
  try {
    const analysis = await analyze({ text, length: selectedLength() }, (event) => {
      progress.value = event.fraction;
      stage.textContent = `${event.label} — ${Math.round(event.fraction * 100)} %`;
    });
    result = analysis;
    saved = null;
    showResult(analysis, countWords(text));
  } catch (e) {
    reportEngineError(e, "Analysis cancelled. The article is unchanged; press Analyse to start again.");
  } finally {
    setRunning(false);
  }
}

/** A failed engine command as a banner; `what` names the work ("This text cannot be analysed"). */
function reportEngineError(e: unknown, cancelled: string, what = "This text cannot be analysed") {
  const err = asCommandError(e);
  switch (err.kind) {
    case "cancelled":
      addBanner(banner, "info", cancelled);
      break;
    case "bad-input":
      addBanner(banner, "error", `${what}: ${err.message}.`);
      break;
    case "model":
      addBanner(banner, "error", `A model could not be used — ${err.message}. Reinstall it, or remove its folder to use the route without it.`);
      break;
    case "busy":
      addBanner(banner, "warning", err.message);
      break;
    default:
      addBanner(banner, "error", `Something went wrong: ${err.message}`);
  }
}

function showSummary(container: HTMLElement, summary: Summary, language: string) {
  const copy = document.querySelector<HTMLButtonElement>(`button.copy[data-lang="${language}"]`);
  if (summary.status === "ready") {
    renderSummary(container, summary);
    if (copy) copy.disabled = false;
  } else {
    renderUnavailable(container, `No ${language === "en" ? "English" : "Russian"} summary: ${summary.reason}.`);
    if (copy) copy.disabled = true;
    addBanner(
      banner,
      "warning",
      `The ${language === "en" ? "English" : "Russian"} summary ${summary.reason}.`,
      installActions(summary.reason),
    );
  }
}

function showResult(a: Analysis, words: number) {
  renderArticle(articleView, a.article);
  input.hidden = true;
  articleView.hidden = false;
  editButton.hidden = false;
  showSummary(summaryEn, a.summaries.en, "en");
  showSummary(summaryRu, a.summaries.ru, "ru");
  renderEntityList(entityList, entityCounts(a.article), flashFirstMention);
  notes.replaceChildren(
    ...a.notes.map((n) => {
      const li = document.createElement("li");
      li.textContent = n;
      return li;
    }),
  );
  notesBox.hidden = a.notes.length === 0;
  const total = a.timings.reduce((sum, t) => sum + t.ms, 0);
  const perStage = a.timings.map((t) => `${t.stage} ${t.ms} ms`).join(" · ");
  const rate = total > 0 ? Math.round((words / total) * 1000) : words;
  timings.textContent = `${perStage} · total ${(total / 1000).toFixed(1)} s · ${formatCount(rate)} words/s`;
  saveOpen.disabled = false;
  const target = a.source_language === "en" ? a.summaries.ru : a.summaries.en;
  compareOpen.disabled = target.status !== "ready";
  updateCounts();
}

function flashFirstMention(key: string) {
  const marks = [...articleView.querySelectorAll<HTMLElement>("mark.entity")];
  const first = marks.find((m) => m.dataset.key === key);
  if (!first) return;
  first.scrollIntoView({ block: "center", behavior: "smooth" });
  first.classList.remove("flash");
  // Restart the animation even when the same entity is picked twice.
  void first.offsetWidth;
  first.classList.add("flash");
}

/** Hovering or focusing a sentence highlights the sentence with the same index in both columns. */
function pairSentences(index: string | null) {
  for (const s of document.querySelectorAll<HTMLElement>(".summary .sentence")) {
    s.classList.toggle("paired", index !== null && s.dataset.index === index);
  }
}

for (const column of [summaryEn, summaryRu]) {
  const find = (e: Event) => (e.target as HTMLElement).closest<HTMLElement>(".sentence");
  column.addEventListener("mouseover", (e) => pairSentences(find(e)?.dataset.index ?? null));
  column.addEventListener("mouseleave", () => pairSentences(null));
  column.addEventListener("focusin", (e) => pairSentences(find(e)?.dataset.index ?? null));
  column.addEventListener("focusout", () => pairSentences(null));
}

for (const button of document.querySelectorAll<HTMLButtonElement>("button.copy")) {
  button.addEventListener("click", async () => {
    const lang = button.dataset.lang as "en" | "ru";
    const summary = result?.summaries[lang];
    if (!summary || summary.status !== "ready") return;
    try {
      await navigator.clipboard.writeText(summary.text);
      button.textContent = "Copied";
      setTimeout(() => (button.textContent = "Copy"), 1500);
    } catch {
      addBanner(banner, "warning", "Could not copy to the clipboard; select the summary and copy it instead.");
    }
  });
}

renderLegend(legend, (kind, on) => document.body.classList.toggle(`hide-${kind}`, !on));

input.addEventListener("input", () => {
  result = null;
  saved = null;
  saveOpen.disabled = true;
  compareOpen.disabled = true;
  updateCounts();
});
// Files may be dropped anywhere in the window; they land in the article box. Without this the
// web view would try to open the file as a page (which the shell refuses).
document.addEventListener("dragover", (e) => {
  e.preventDefault();
  input.classList.add("dropping");
});
document.addEventListener("dragleave", () => input.classList.remove("dropping"));
document.addEventListener("drop", async (e) => {
  e.preventDefault();
  input.classList.remove("dropping");
  const file = e.dataTransfer?.files[0];
  if (!file || running) return;
  if (!acceptsFile(file.name, file.type)) {
    addBanner(banner, "warning", `${file.name} is not a text or HTML file; svodka reads .txt and .html.`);
    return;
  }
  input.value = await file.text();
  result = null;
  saved = null;
  saveOpen.disabled = true;
  showEditor();
  updateCounts();
});

editButton.addEventListener("click", showEditor);
analyseButton.addEventListener("click", runAnalysis);
cancelButton.addEventListener("click", () => void cancel());
document.addEventListener("keydown", (e) => {
  const ctrl = e.ctrlKey || e.metaKey;
  if (e.key === "Enter" && ctrl) {
    e.preventDefault();
    void runAnalysis();
  } else if (ctrl && e.key.toLowerCase() === "s") {
    e.preventDefault();
    openSave();
  } else if (ctrl && e.key.toLowerCase() === "o") {
    e.preventDefault();
    openLibrary();
  } else if (e.key === "Escape" && running) {
    e.preventDefault();
    void cancel();
  }
});

const modelsDialog = byId<HTMLDialogElement>("models-dialog");
const models = new ModelsPanel(
  byId<HTMLUListElement>("models-list"),
  byId<HTMLButtonElement>("models-open"),
  (level, message) => addBanner(banner, level, message),
);
byId("models-open").addEventListener("click", () => {
  void models.refresh();
  modelsDialog.showModal();
});
byId("models-close").addEventListener("click", () => modelsDialog.close());
void models.refresh();

/** "Install …" buttons for the missing models a message names. */
function installActions(message: string) {
  return missingIn(message, models.models).map((id) => ({
    label: `Install ${id}`,
    run: () => {
      modelsDialog.showModal();
      void models.install(id);
    },
  }));
}

// Save and Library.
const saveOpen = byId<HTMLButtonElement>("save-open");
const compareOpen = byId<HTMLButtonElement>("compare-open");
const saveDialog = byId<HTMLDialogElement>("save-dialog");
const saveName = byId<HTMLInputElement>("save-name");
const saveTags = byId<HTMLInputElement>("save-tags");
const saveNote = byId<HTMLTextAreaElement>("save-note");
const libraryDialog = byId<HTMLDialogElement>("library-dialog");
const toastBox = byId<HTMLDivElement>("toast");
const toastText = byId<HTMLSpanElement>("toast-text");
const toastUndo = byId<HTMLButtonElement>("toast-undo");
let toastTimer: number | undefined;
let toastAction: (() => void) | null = null;

/** A short message at the bottom, with Undo when `undo` is given; gone after 8 seconds. */
function toast(message: string, undo?: () => void) {
  window.clearTimeout(toastTimer);
  // Inside an open modal dialog, or it would be inert behind it.
  (document.querySelector("dialog[open]") ?? document.body).append(toastBox);
  toastText.textContent = message;
  toastAction = undo ?? null;
  toastUndo.hidden = !undo;
  toastBox.hidden = false;
  toastTimer = window.setTimeout(() => (toastBox.hidden = true), 8000);
}

toastUndo.addEventListener("click", () => {
  const action = toastAction;
  toastBox.hidden = true;
  toastAction = null;
  action?.();
});

function openSave() {
  if (!result || running) {
    if (!running) toast("Nothing to save yet: analyse an article first.");
    return;
  }
  saveName.value = saved?.title ?? "";
  saveTags.value = saved?.tags.join(", ") ?? "";
  saveNote.value = saved?.note ?? "";
  saveDialog.showModal();
  saveName.select();
}

async function confirmSave() {
  if (!result) return;
  const meta = { title: saveName.value, tags: parseTags(saveTags.value), note: saveNote.value };
  try {
    const id = await librarySave({ id: saved?.id ?? null, meta, analysis: result });
    saveDialog.close();
    // The library fills an empty title and tidies tags; show what it stored.
    const entry = await libraryOpen(id);
    saved = { id, title: entry.title, tags: entry.tags, note: entry.note };
    toast(`Saved to the library as “${saved.title}”.`);
  } catch (e) {
    addBanner(banner, "error", `Could not save: ${asCommandError(e).message}`);
    saveDialog.close();
  }
}

byId("save-form").addEventListener("submit", (e) => {
  e.preventDefault();
  void confirmSave();
});
byId("save-cancel").addEventListener("click", () => saveDialog.close());
saveOpen.addEventListener("click", openSave);

const library = new LibraryPanel(
  {
    search: byId<HTMLInputElement>("library-search"),
    tag: byId<HTMLSelectElement>("library-tag"),
    entity: byId<HTMLSelectElement>("library-entity"),
    list: byId<HTMLUListElement>("library-list"),
    status: byId<HTMLElement>("library-status"),
  },
  {
    open: (entry) => {
      libraryDialog.close();
      showSaved(entry);
    },
    report: (level, message) => addBanner(banner, level, message),
    toast,
  },
);

function openLibrary() {
  if (libraryDialog.open) return;
  libraryDialog.showModal();
  void library.show();
}

/** A saved analysis in the side-by-side view, as when it was made. */
function showSaved(entry: Entry) {
  if (running) return;
  clearBanner(banner);
  result = entry.analysis;
  saved = { id: entry.id, title: entry.title, tags: entry.tags, note: entry.note };
  input.value = entry.analysis.article.text;
  showResult(entry.analysis, countWords(entry.analysis.article.text));
  toast(`Opened “${entry.title}” from the library.`);
}

byId("library-open").addEventListener("click", openLibrary);

// Compare versions.
const compareDialog = byId<HTMLDialogElement>("compare-dialog");
const comparePanel = new ComparePanel({
  heading: byId("compare-heading"),
  missing: byId<HTMLUListElement>("compare-missing"),
  versions: byId<HTMLDivElement>("compare-versions"),
  slots: byId<HTMLOListElement>("compare-slots"),
  showDiff: byId<HTMLInputElement>("compare-diff"),
});

async function runCompare() {
  if (running || !result) return;
  const analysis = result;
  clearBanner(banner);
  setRunning(true);
  try {
    const comparison = await compare(analysis, (event) => {
      progress.value = event.fraction;
      stage.textContent = `${event.label} — ${Math.round(event.fraction * 100)} %`;
    });
    if (result !== analysis) return; // the reader moved on meanwhile
    comparePanel.show(comparison);
    compareDialog.showModal();
  } catch (e) {
    reportEngineError(e, "Comparison cancelled.", "No comparison");
  } finally {
    setRunning(false);
  }
}

async function applyMyVersion() {
  if (!result) return;
  const mine = comparePanel.chosen();
  if (!mine.changed) {
    compareDialog.close();
    toast("Nothing changed: every sentence is this analysis's own.");
    return;
  }
  try {
    const edited = await applyPicks({ analysis: result, sentences: mine.sentences, note: mine.note });
    compareDialog.close();
    result = edited;
    clearBanner(banner);
    showResult(edited, countWords(edited.article.text));
    toast(saved ? "Summary updated: Save (Ctrl+S) to keep it in the library." : "Summary updated: Save (Ctrl+S) to keep it.");
  } catch (e) {
    reportEngineError(e, "Cancelled.", "Your version could not be used");
  }
}

compareOpen.addEventListener("click", () => void runCompare());
byId("compare-close").addEventListener("click", () => compareDialog.close());
byId("compare-apply").addEventListener("click", () => void applyMyVersion());
byId("library-close").addEventListener("click", () => libraryDialog.close());

input.focus();
