// Spans cross the IPC boundary as offsets in Unicode scalar values (Rust `char`s, i.e. code
// points): that is what the engine counts. JavaScript strings index UTF-16 code units, so an
// emoji or any character outside the Basic Multilingual Plane is 1 engine unit but 2 JS units.
// Conversion happens here, once per text (`Utf16Offsets`), and nowhere else. Combining marks are
// code points of their own on both sides, so they need no special case.

import type { Span } from "./bindings/Span";

/** Maps code point offsets of one text to UTF-16 offsets. */
export class Utf16Offsets {
  private readonly table: number[];

  constructor(text: string) {
    // table[i] = UTF-16 offset of code point i; one extra entry for the end of the text.
    const table: number[] = [];
    let unit = 0;
    for (const ch of text) {
      table.push(unit);
      unit += ch.length;
    }
    table.push(unit);
    this.table = table;
  }

  /** Code points in the text. */
  get length(): number {
    return this.table.length - 1;
  }

  /** UTF-16 offset of a code point offset, clamped to the text. */
  at(codePoint: number): number {
    const i = Math.max(0, Math.min(Math.trunc(codePoint), this.table.length - 1));
    return this.table[i];
  }

  /** A span from the engine as [start, end) UTF-16 offsets; empty or reversed spans collapse. */
  range(span: Span): [number, number] {
    const start = this.at(span.start);
    return [start, Math.max(start, this.at(span.end))];
  }
}

/** A labelled [start, end) range in UTF-16 offsets. */
export interface Range<T> {
  start: number;
  end: number;
  value: T;
}

/** A piece of text and the ranges covering all of it (none for plain text). */
export interface Segment<T> {
  start: number;
  end: number;
  text: string;
  covering: T[];
}

/**
 * Cuts `text[from, to)` at every range boundary, so that each segment is covered by the same set
 * of ranges throughout. Overlapping and nested ranges are allowed; ranges are clipped to
 * [from, to); empty ranges are ignored. Segments are in text order and cover [from, to) exactly.
 */
export function segments<T>(
  text: string,
  ranges: Range<T>[],
  from = 0,
  to = text.length,
): Segment<T>[] {
  // A sweep over the cut points, keeping the ranges open at each: linear in ranges plus
  // segments (after sorting), however many entities a long text has.
  const byStart = ranges
    .map((r) => ({ ...r, start: Math.max(r.start, from), end: Math.min(r.end, to) }))
    .filter((r) => r.start < r.end)
    // Outermost first: the first covering range of a segment is the one that encloses the rest.
    .sort((x, y) => x.start - y.start || y.end - x.end);
  const cuts = new Set<number>([from, to]);
  for (const r of byStart) {
    cuts.add(r.start);
    cuts.add(r.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment<T>[] = [];
  let open: Range<T>[] = [];
  let next = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    if (a >= b) continue;
    if (open.some((r) => r.end <= a)) open = open.filter((r) => r.end > a);
    while (next < byStart.length && byStart[next].start <= a) open.push(byStart[next++]);
    // Every open range starts at or before a and ends at a cut point after a, so at or after b.
    out.push({ start: a, end: b, text: text.slice(a, b), covering: open.map((r) => r.value) });
  }
  return out;
}
