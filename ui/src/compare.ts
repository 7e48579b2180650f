// The comparison dialog: every version of the translated summary side by side, each sentence
// with a confidence mark from its back-translation score, word differences on request, and a
// per-sentence pick that builds the reader's own version.

import type { Comparison } from "./bindings/Comparison";
import type { Version } from "./bindings/Version";
import type { VersionSentence } from "./bindings/VersionSentence";
import { languageName } from "./names";
import { button, el } from "./view";

export type Confidence = "high" | "medium" | "low" | "unknown";

/**
 * How far to trust a sentence, from the chrF of its back-translation against its source. The
 * cut-offs are rules of thumb: a faithful sentence that comes back paraphrased scores 50–70, one
 * that lost or invented content falls well below 40.
 */
export function confidence(chrf: number | null): Confidence {
  if (chrf === null || Number.isNaN(chrf)) return "unknown";
  if (chrf >= 60) return "high";
  if (chrf >= 40) return "medium";
  return "low";
}

export const CONFIDENCE_LABEL: Record<Confidence, string> = {
  high: "reads back close to its source",
  medium: "reads back partly changed",
  low: "reads back far from its source — check it",
  unknown: "not scored (no reverse translator)",
};

/** A sentence a slot can take: from which version, which sentence. */
export interface Candidate {
  version: number;
  sentence: number;
  text: string;
  chrf: number | null;
}

/**
 * The choices for each sentence of the own version (slot j): the own sentence first, then every
 * other version's sentence whose closest own sentence is j. Identical texts appear once.
 */
export function slotCandidates(c: Comparison): Candidate[][] {
  const own = c.versions[0]?.sentences ?? [];
  const slots: Candidate[][] = own.map((s, j) => [
    { version: 0, sentence: j, text: s.text, chrf: s.chrf },
  ]);
  c.versions.slice(1).forEach((v, i) => {
    v.sentences.forEach((s, k) => {
      const j = s.matches;
      if (j === null || j < 0 || j >= slots.length) return;
      if (slots[j].some((cand) => cand.text === s.text)) return;
      slots[j].push({ version: i + 1, sentence: k, text: s.text, chrf: s.chrf });
    });
  });
  return slots;
}

/** The note recorded with an applied pick: which sentences came from which version. */
export function pickNote(c: Comparison, picks: Candidate[]): string {
  const changed = picks
    .map((p, j) => ({ p, j }))
    .filter(({ p }) => p.version !== 0)
    .map(({ p, j }) => `sentence ${j + 1} from “${c.versions[p.version].label}”`);
  const lang = languageName(c.language);
  return changed.length === 0
    ? ""
    : `${lang} summary edited after comparing versions: ${changed.join("; ")}.`;
}

/** Mean score of a version's scored sentences, or null. */
export function meanChrf(v: Version): number | null {
  const scores = v.sentences.map((s) => s.chrf).filter((x): x is number => x !== null);
  return scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
}

function badge(s: VersionSentence): HTMLSpanElement {
  const level = confidence(s.chrf);
  const b = el("span", `confidence conf-${level}`, s.chrf === null ? "–" : String(Math.round(s.chrf)));
  const lines = [`chrF ${s.chrf === null ? "n/a" : s.chrf.toFixed(1)}: ${CONFIDENCE_LABEL[level]}`];
  if (s.back_translation) lines.push(`Back-translation: ${s.back_translation}`);
  if (s.reference) lines.push(`${s.source ? "Source" : "Closest article sentence"}: ${s.reference}`);
  b.title = lines.join("\n");
  b.setAttribute("aria-label", lines.join(". "));
  return b;
}

export class ComparePanel {
  private comparison: Comparison | null = null;
  private picks: Candidate[] = [];

  constructor(
    private readonly root: {
      heading: HTMLElement;
      missing: HTMLUListElement;
      versions: HTMLDivElement;
      slots: HTMLOListElement;
      showDiff: HTMLInputElement;
    },
  ) {
    root.showDiff.addEventListener("change", () => this.renderVersions());
  }

  show(c: Comparison) {
    this.comparison = c;
    this.picks = slotCandidates(c).map((cands) => cands[0]);
    const lang = languageName(c.language);
    this.root.heading.textContent = c.back_translator
      ? `${lang} versions of the summary — each sentence scored by translating it back with ${c.back_translator}`
      : `${lang} versions of the summary`;
    this.root.missing.replaceChildren(...c.missing.map((m) => el("li", "", m)));
    this.root.missing.hidden = c.missing.length === 0;
    this.renderVersions();
    this.renderSlots();
  }

  /** The reader's version: one sentence per slot. */
  chosen(): { sentences: string[]; note: string; changed: boolean } {
    const c = this.comparison;
    if (!c) return { sentences: [], note: "", changed: false };
    return {
      sentences: this.picks.map((p) => p.text),
      note: pickNote(c, this.picks),
      changed: this.picks.some((p) => p.version !== 0),
    };
  }

  private renderVersions() {
    const c = this.comparison;
    if (!c) return;
    const diff = this.root.showDiff.checked;
    this.root.versions.replaceChildren(
      ...c.versions.map((v, i) => {
        const col = el("section", "version");
        col.dataset.key = v.key;
        const mean = meanChrf(v);
        const head = el("header", "version-head");
        head.append(el("strong", "", i === 0 ? "This analysis" : `Version ${i + 1}`));
        head.append(el("span", "muted small", v.label));
        if (mean !== null) head.append(el("span", "muted small", `mean chrF ${mean.toFixed(0)}`));
        col.append(head);
        if (diff && i > 0) {
          const p = el("p", "diff");
          for (const seg of v.diff) {
            const tag = seg.op === "added" ? "ins" : seg.op === "removed" ? "del" : "span";
            p.append(el(tag, "", seg.text));
          }
          col.append(p);
          return col;
        }
        const list = el("ol", "version-sentences");
        v.sentences.forEach((s, k) => {
          const li = el("li", "version-sentence");
          li.append(badge(s), el("span", "text", s.text));
          if (i > 0 && s.matches !== null) {
            const slot = s.matches;
            const use = button(`Use for ${slot + 1}`, () => this.pick(slot, i, k));
            use.className = "use";
            use.title = `Put this sentence in place of sentence ${slot + 1} of your version`;
            li.append(use);
          }
          list.append(li);
        });
        col.append(list);
        return col;
      }),
    );
  }

  private pick(slot: number, version: number, sentence: number) {
    const c = this.comparison;
    if (!c) return;
    const s = c.versions[version].sentences[sentence];
    this.picks[slot] = { version, sentence, text: s.text, chrf: s.chrf };
    this.renderSlots();
  }

  private renderSlots() {
    const c = this.comparison;
    if (!c) return;
    const candidates = slotCandidates(c);
    this.root.slots.replaceChildren(
      ...candidates.map((cands, j) => {
        const li = el("li", "slot");
        const select = el("select");
        select.setAttribute("aria-label", `Sentence ${j + 1} of your version`);
        const all = [...cands];
        const current = this.picks[j];
        if (!all.some((x) => x.text === current.text)) all.push(current);
        all.forEach((cand, n) => {
          const source = cand.version === 0 ? "this analysis" : `version ${cand.version + 1}`;
          const score = cand.chrf === null ? "" : ` · chrF ${Math.round(cand.chrf)}`;
          const o = el("option", "", `${cand.text}  (${source}${score})`);
          o.value = String(n);
          o.selected = cand.text === current.text;
          select.append(o);
        });
        select.addEventListener("change", () => {
          this.picks[j] = all[Number(select.value)];
        });
        li.append(select);
        return li;
      }),
    );
  }
}
