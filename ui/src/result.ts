// The result view: the article with its entities marked, both summaries side by side (sentences
// paired across columns), the entity list, notes and timings, and the Copy buttons.

import type { Analysis } from "./bindings/Analysis";
import type { Lang } from "./bindings/Lang";
import type { Summary } from "./bindings/Summary";
import { languageName } from "./names";
import { formatCount } from "./text";
import {
  entityCounts,
  el,
  renderArticle,
  renderEntityList,
  renderLegend,
  renderSummary,
  renderUnavailable,
  type BannerAction,
  type BannerLevel,
} from "./view";

export interface ResultRoot {
  article: HTMLElement;
  summaries: Record<Lang, HTMLElement>;
  copy: Record<Lang, HTMLButtonElement>;
  legend: HTMLElement;
  entityList: HTMLElement;
  notesBox: HTMLElement;
  notes: HTMLElement;
  timings: HTMLElement;
}

export interface ResultHooks {
  banner: (level: BannerLevel, message: string, actions?: BannerAction[]) => void;
  /** "Install …" buttons for the missing models a message names. */
  installActions: (message: string) => BannerAction[];
}

export class ResultView {
  private shown: Analysis | null = null;

  constructor(
    private readonly root: ResultRoot,
    private readonly hooks: ResultHooks,
  ) {
    renderLegend(root.legend, (kind, on) => document.body.classList.toggle(`hide-${kind}`, !on));
    for (const column of Object.values(root.summaries)) {
      const find = (e: Event) => (e.target as HTMLElement).closest<HTMLElement>(".sentence");
      column.addEventListener("mouseover", (e) => pairSentences(find(e)?.dataset.index ?? null));
      column.addEventListener("mouseleave", () => pairSentences(null));
      column.addEventListener("focusin", (e) => pairSentences(find(e)?.dataset.index ?? null));
      column.addEventListener("focusout", () => pairSentences(null));
    }
    for (const lang of ["en", "ru"] as const) {
      root.copy[lang].addEventListener("click", () => void this.copy(lang));
    }
  }

  /** Shows `a`; `words` (the article's) gives the reading speed in the timings line. */
  show(a: Analysis, words: number) {
    this.shown = a;
    renderArticle(this.root.article, a.article);
    this.showSummary("en", a.summaries.en);
    this.showSummary("ru", a.summaries.ru);
    renderEntityList(this.root.entityList, entityCounts(a.article), (key) => this.flash(key));
    this.root.notes.replaceChildren(...a.notes.map((n) => el("li", "", n)));
    this.root.notesBox.hidden = a.notes.length === 0;
    const total = a.timings.reduce((sum, t) => sum + t.ms, 0);
    const perStage = a.timings.map((t) => `${t.stage} ${t.ms} ms`).join(" · ");
    const rate = total > 0 ? Math.round((words / total) * 1000) : words;
    this.root.timings.textContent = `${perStage} · total ${(total / 1000).toFixed(1)} s · ${formatCount(rate)} words/s`;
  }

  clearTimings() {
    this.root.timings.textContent = "";
  }

  private showSummary(lang: Lang, summary: Summary) {
    const container = this.root.summaries[lang];
    this.root.copy[lang].disabled = summary.status !== "ready";
    if (summary.status === "ready") {
      renderSummary(container, summary);
      return;
    }
    renderUnavailable(container, `No ${languageName(lang)} summary: ${summary.reason}.`);
    this.hooks.banner(
      "warning",
      `The ${languageName(lang)} summary ${summary.reason}.`,
      this.hooks.installActions(summary.reason),
    );
  }

  private async copy(lang: Lang) {
    const summary = this.shown?.summaries[lang];
    if (!summary || summary.status !== "ready") return;
    const button = this.root.copy[lang];
    try {
      await navigator.clipboard.writeText(summary.text);
      button.textContent = "Copied";
      setTimeout(() => (button.textContent = "Copy"), 1500);
    } catch {
      this.hooks.banner("warning", "Could not copy to the clipboard; select the summary and copy it instead.");
    }
  }

  /** Scrolls to the first mention of an entity in the article and flashes it. */
  private flash(key: string) {
    const marks = [...this.root.article.querySelectorAll<HTMLElement>("mark.entity")];
    const first = marks.find((m) => m.dataset.key === key);
    if (!first) return;
    first.scrollIntoView({ block: "center", behavior: "smooth" });
    first.classList.remove("flash");
    // Restart the animation even when the same entity is picked twice.
    void first.offsetWidth;
    first.classList.add("flash");
  }
}

/** Hovering or focusing a sentence highlights the sentence with the same index in both columns. */
function pairSentences(index: string | null) {
  for (const s of document.querySelectorAll<HTMLElement>(".summary .sentence")) {
    s.classList.toggle("paired", index !== null && s.dataset.index === index);
  }
}
