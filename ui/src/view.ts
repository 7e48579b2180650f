// Building the DOM for documents, entity lists and banners. Article and summary text is
// untrusted: it only ever becomes text nodes (textContent), never markup.

import type { Document } from "./bindings/Document";
import type { Entity } from "./bindings/Entity";
import type { EntityKind } from "./bindings/EntityKind";
import { KINDS, kindLabel } from "./names";
import { segments, Utf16Offsets, type Range } from "./spans";

/** The key that groups mentions of one entity: kind and text. */
export function entityKey(e: Entity): string {
  return `${e.kind}:${e.text}`;
}

/** An element with an optional class and text (as a text node: never markup). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** A plain button that runs `onClick`. */
export function button(label: string, onClick: () => void): HTMLButtonElement {
  const b = el("button", undefined, label);
  b.type = "button";
  b.addEventListener("click", onClick);
  return b;
}

/** Entities of a document as UTF-16 ranges (empty when it was not tagged). */
function entityRanges(doc: Document, offsets: Utf16Offsets): Range<Entity>[] {
  if (doc.entities.status !== "tagged") return [];
  return doc.entities.items.map((e) => {
    const [start, end] = offsets.range(e.span);
    return { start, end, value: e };
  });
}

/** Appends text[from, to) with its entities as <mark> elements to `parent`. */
function appendMarked(
  parent: HTMLElement,
  text: string,
  ranges: Range<Entity>[],
  from: number,
  to: number,
) {
  for (const seg of segments(text, ranges, from, to)) {
    if (seg.covering.length === 0) {
      parent.append(document.createTextNode(seg.text));
      continue;
    }
    // Overlaps are rare (one tagger per text); the outermost entity gives the colour, all are named.
    const [first] = seg.covering;
    const mark = el("mark", `entity kind-${first.kind}`, seg.text);
    mark.dataset.kind = first.kind;
    mark.dataset.key = entityKey(first);
    mark.title = seg.covering.map((e) => `${kindLabel(e.kind)}: ${e.text}`).join("\n");
    parent.append(mark);
  }
}

/** The whole text, paragraphs kept, entities marked (the article pane). */
export function renderArticle(container: HTMLElement, doc: Document) {
  container.replaceChildren();
  const offsets = new Utf16Offsets(doc.text);
  const ranges = entityRanges(doc, offsets);
  const p = el("p");
  appendMarked(p, doc.text, ranges, 0, doc.text.length);
  container.append(p);
  if (doc.entities.status === "unavailable") {
    container.append(el("p", "notice", `Entities not marked: ${doc.entities.reason}`));
  }
}

/** One element per sentence, numbered for pairing with the other column. */
export function renderSummary(container: HTMLElement, doc: Document) {
  container.replaceChildren();
  const offsets = new Utf16Offsets(doc.text);
  const ranges = entityRanges(doc, offsets);
  doc.sentences.forEach((span, i) => {
    const [from, to] = offsets.range(span);
    const sentence = el("span", "sentence");
    sentence.dataset.index = String(i);
    sentence.tabIndex = 0;
    appendMarked(sentence, doc.text, ranges, from, to);
    container.append(sentence, document.createTextNode(" "));
  });
  if (doc.entities.status === "unavailable") {
    container.append(el("p", "notice small", `Entities not marked: ${doc.entities.reason}`));
  }
}

/** A column without a summary says why, in words (never left blank). */
export function renderUnavailable(container: HTMLElement, reason: string) {
  container.replaceChildren(el("p", "notice", reason));
}

/** Distinct entities of a document with mention counts, in order of first mention. */
export function entityCounts(doc: Document): { entity: Entity; count: number }[] {
  if (doc.entities.status !== "tagged") return [];
  const out = new Map<string, { entity: Entity; count: number }>();
  for (const e of doc.entities.items) {
    const key = entityKey(e);
    const seen = out.get(key);
    if (seen) seen.count++;
    else out.set(key, { entity: e, count: 1 });
  }
  return [...out.values()];
}

export function renderEntityList(
  list: HTMLElement,
  counts: { entity: Entity; count: number }[],
  onPick: (key: string) => void,
) {
  list.replaceChildren();
  for (const { entity, count } of counts) {
    const item = el("li", `kind-${entity.kind}`);
    item.dataset.kind = entity.kind;
    const button = el("button", "entity-button");
    button.type = "button";
    button.append(el("span", "swatch"), el("span", "name", entity.text));
    button.append(el("span", "muted", ` ${kindLabel(entity.kind)}${count > 1 ? ` ×${count}` : ""}`));
    button.title = `Show the first mention of ${entity.text}`;
    button.addEventListener("click", () => onPick(entityKey(entity)));
    item.append(button);
    list.append(item);
  }
}

export function renderLegend(legend: HTMLElement, onToggle: (kind: EntityKind, on: boolean) => void) {
  legend.replaceChildren();
  for (const { kind, label } of KINDS) {
    const wrap = el("label", `legend-item kind-${kind}`);
    const box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.kind = kind;
    box.addEventListener("change", () => onToggle(kind, box.checked));
    wrap.append(box, el("span", "swatch"), el("span", "", `${label} (${kind})`));
    legend.append(wrap);
  }
}

export type BannerLevel = "error" | "warning" | "info";

export interface BannerAction {
  label: string;
  run: () => void;
}

export function addBanner(
  banner: HTMLElement,
  level: BannerLevel,
  message: string,
  actions: BannerAction[] = [],
) {
  const item = el("li", `banner-${level}`);
  item.setAttribute("role", level === "error" ? "alert" : "status");
  item.append(el("span", "", message));
  for (const action of actions) {
    const button = el("button", "banner-action", action.label);
    button.type = "button";
    button.addEventListener("click", action.run);
    item.append(button);
  }
  const close = el("button", "close", "Dismiss");
  close.type = "button";
  close.addEventListener("click", () => {
    item.remove();
    banner.hidden = banner.children.length === 0;
  });
  item.append(close);
  banner.append(item);
  banner.hidden = false;
}

export function clearBanner(banner: HTMLElement) {
  banner.replaceChildren();
  banner.hidden = true;
}
