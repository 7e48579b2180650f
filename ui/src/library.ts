// The Library panel (search as you type, tag and entity filters, open, export, delete with undo)
// and the small pure helpers behind it, which src/library.test.ts checks.

import { asCommandError } from "./api";
import {
  libraryDelete,
  libraryExport,
  libraryFacets,
  libraryOpen,
  libraryRestore,
  librarySearch,
} from "./bindings/commands";
import type { EntityFacet } from "./bindings/EntityFacet";
import type { EntityKind } from "./bindings/EntityKind";
import type { Entry } from "./bindings/Entry";
import type { ExportFormat } from "./bindings/ExportFormat";
import type { Hit } from "./bindings/Hit";
import type { Query } from "./bindings/Query";
import type { Snippet } from "./bindings/Snippet";
import { segments, Utf16Offsets } from "./spans";
import { kindLabel, languageName } from "./names";
import { button, el } from "./view";

/** Tags as typed in one box: comma-separated, trimmed, empty ones and repeats dropped. */
export function parseTags(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(",")) {
    const tag = raw.trim().replace(/\s+/g, " ");
    if (tag && !out.some((t) => t.toLowerCase() === tag.toLowerCase())) out.push(tag);
  }
  return out;
}

/** A snippet as pieces of text, the query's words flagged (its marks are code point offsets). */
export function snippetPieces(snippet: Snippet): { text: string; marked: boolean }[] {
  const offsets = new Utf16Offsets(snippet.text);
  const ranges = snippet.marks.map((m) => {
    const [start, end] = offsets.range(m);
    return { start, end, value: true };
  });
  return segments(snippet.text, ranges, 0, snippet.text.length).map((s) => ({
    text: s.text,
    marked: s.covering.length > 0,
  }));
}

/** The value of an entity filter option, and back. */
export function entityOption(f: { kind: EntityKind; name: string }): string {
  return `${f.kind}:${f.name}`;
}

export function parseEntityOption(value: string): { kind: EntityKind; name: string } | null {
  const at = value.indexOf(":");
  if (at < 0) return null;
  const kind = value.slice(0, at) as EntityKind;
  if (!["PER", "LOC", "ORG", "MISC"].includes(kind)) return null;
  return { kind, name: value.slice(at + 1) };
}

/** A saved time as the reader's local date and time. */
export function formatSaved(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

type Report = (level: "error" | "warning" | "info", message: string) => void;

export interface LibraryHooks {
  open: (entry: Entry) => void;
  report: Report;
  /** A message with an Undo button, e.g. after a delete. */
  toast: (message: string, undo?: () => void) => void;
}

export class LibraryPanel {
  private hits: Hit[] = [];
  private generation = 0;
  private timer: number | undefined;

  constructor(
    private readonly root: {
      search: HTMLInputElement;
      tag: HTMLSelectElement;
      entity: HTMLSelectElement;
      list: HTMLUListElement;
      status: HTMLElement;
    },
    private readonly hooks: LibraryHooks,
  ) {
    root.search.addEventListener("input", () => this.schedule());
    root.tag.addEventListener("change", () => void this.refresh());
    root.entity.addEventListener("change", () => void this.refresh());
    root.search.addEventListener("keydown", (e) => {
      // Down arrow moves from the search box into the results.
      if (e.key === "ArrowDown") {
        e.preventDefault();
        this.root.list.querySelector<HTMLButtonElement>("button.open")?.focus();
      } else if (e.key === "Enter") {
        e.preventDefault();
        const first = this.hits[0];
        if (first) void this.open(first.id);
      }
    });
  }

  /** Reloads the filters and the list (when the panel opens). */
  async show() {
    // The list still shows the last results until the new ones are drawn; say so (assistive
    // technology, and anything else that must not act on rows about to be replaced).
    this.root.list.setAttribute("aria-busy", "true");
    this.root.search.select();
    try {
      const facets = await libraryFacets();
      this.fillFilters(facets.tags.map((t) => t.tag), facets.entities);
    } catch (e) {
      this.hooks.report("error", `Could not open the library: ${asCommandError(e).message}`);
    }
    await this.refresh();
  }

  private fillFilters(tags: string[], entities: EntityFacet[]) {
    const keepTag = this.root.tag.value;
    const keepEntity = this.root.entity.value;
    this.root.tag.replaceChildren(option("", "All tags"), ...tags.map((t) => option(t, t)));
    this.root.entity.replaceChildren(
      option("", "All names"),
      ...entities.map((e) =>
        option(entityOption(e), `${e.name} — ${kindLabel(e.kind)} (${e.entries})`),
      ),
    );
    this.root.tag.value = tags.includes(keepTag) ? keepTag : "";
    this.root.entity.value = [...this.root.entity.options].some((o) => o.value === keepEntity)
      ? keepEntity
      : "";
  }

  private schedule() {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.refresh(), 120);
  }

  query(): Query {
    return {
      text: this.root.search.value,
      tag: this.root.tag.value || null,
      entity: parseEntityOption(this.root.entity.value),
      deleted: false,
      limit: 200,
    };
  }

  async refresh() {
    // Typing fast starts several searches; only the newest one may draw.
    const generation = ++this.generation;
    this.root.list.setAttribute("aria-busy", "true");
    let hits: Hit[];
    try {
      hits = await librarySearch(this.query());
    } catch (e) {
      this.root.list.setAttribute("aria-busy", "false");
      this.hooks.report("error", `Library search failed: ${asCommandError(e).message}`);
      return;
    }
    if (generation !== this.generation) return;
    this.hits = hits;
    this.root.list.replaceChildren(...hits.map((h) => this.row(h)));
    this.root.list.setAttribute("aria-busy", "false");
    const filtered = this.root.search.value.trim() || this.root.tag.value || this.root.entity.value;
    this.root.status.textContent =
      hits.length === 0
        ? filtered
          ? "Nothing found. Words match in any form (Путин finds Путина); try fewer words."
          : "The library is empty. Analyse an article and press Save (Ctrl+S)."
        : `${hits.length} saved ${hits.length === 1 ? "analysis" : "analyses"}`;
  }

  private row(hit: Hit): HTMLLIElement {
    const li = el("li", "hit");
    li.dataset.id = String(hit.id);
    const open = el("button", "open");
    open.type = "button";
    const tags = hit.tags.length ? ` · ${hit.tags.join(", ")}` : "";
    const facts = ` ${formatSaved(hit.created_ms)} · ${languageName(hit.source_language)}${tags}`;
    const snippet = el("span", "snippet");
    for (const piece of snippetPieces(hit.snippet)) {
      snippet.append(piece.marked ? el("mark", "hit-word", piece.text) : document.createTextNode(piece.text));
    }
    open.append(el("strong", undefined, hit.title), el("span", "muted small", facts), snippet);
    open.addEventListener("click", () => void this.open(hit.id));
    open.addEventListener("keydown", (e) => this.moveFocus(e, li));

    const actions = el("div", "hit-actions");
    const format = el("select", "export-format");
    format.setAttribute("aria-label", `Export format for ${hit.title}`);
    format.append(option("html", "HTML"), option("markdown", "Markdown"), option("json", "JSON"));
    const exportButton = button("Export", () => void this.export(hit, format.value as ExportFormat));
    exportButton.className = "export";
    const del = button("Delete", () => void this.remove(hit));
    del.className = "delete";
    actions.append(format, exportButton, del);
    li.append(open, actions);
    return li;
  }

  private moveFocus(e: KeyboardEvent, li: HTMLLIElement) {
    const sibling =
      e.key === "ArrowDown" ? li.nextElementSibling : e.key === "ArrowUp" ? li.previousElementSibling : null;
    if (e.key === "ArrowUp" && !li.previousElementSibling) {
      e.preventDefault();
      this.root.search.focus();
      return;
    }
    const target = sibling?.querySelector<HTMLButtonElement>("button.open");
    if (target) {
      e.preventDefault();
      target.focus();
    } else if (e.key === "Delete") {
      const hit = this.hits.find((h) => String(h.id) === li.dataset.id);
      if (hit) void this.remove(hit);
    }
  }

  async open(id: number) {
    try {
      this.hooks.open(await libraryOpen(id));
    } catch (e) {
      this.hooks.report("error", `Could not open the saved analysis: ${asCommandError(e).message}`);
    }
  }

  private async export(hit: Hit, format: ExportFormat) {
    try {
      const path = await libraryExport([hit.id], format);
      this.hooks.toast(`Exported “${hit.title}” to ${path}`);
    } catch (e) {
      this.hooks.report("error", `Could not export: ${asCommandError(e).message}`);
    }
  }

  private async remove(hit: Hit) {
    try {
      await libraryDelete([hit.id]);
    } catch (e) {
      this.hooks.report("error", `Could not delete: ${asCommandError(e).message}`);
      return;
    }
    await this.refresh();
    this.hooks.toast(`Deleted “${hit.title}”.`, async () => {
      try {
        await libraryRestore([hit.id]);
        this.hooks.toast(`Restored “${hit.title}”.`);
      } catch (e) {
        this.hooks.report("error", `Could not restore: ${asCommandError(e).message}`);
      }
      await this.refresh();
    });
  }
}

function option(value: string, label: string): HTMLOptionElement {
  const o = el("option", undefined, label);
  o.value = value;
  return o;
}
