import { describe, expect, it } from "vitest";
import { segments, Utf16Offsets, type Range } from "./spans";

describe("Utf16Offsets", () => {
  it("is the identity for Cyrillic and Latin text", () => {
    const text = "Мэр Москвы Sergei";
    const o = new Utf16Offsets(text);
    expect(o.length).toBe(text.length);
    expect(o.range({ start: 4, end: 10 })).toEqual([4, 10]);
    expect(text.slice(...o.range({ start: 4, end: 10 }))).toBe("Москвы");
  });

  it("counts an emoji as one engine unit and two UTF-16 units", () => {
    const text = "😀 Путин в 🇷🇺 Москве";
    const o = new Utf16Offsets(text);
    // Engine (code point) offsets of "Путин" and "Москве".
    const cps = [...text];
    const putin = cps.indexOf("П");
    const moskve = cps.lastIndexOf("М");
    expect(text.slice(...o.range({ start: putin, end: putin + 5 }))).toBe("Путин");
    expect(text.slice(...o.range({ start: moskve, end: moskve + 6 }))).toBe("Москве");
    expect(o.length).toBe(cps.length);
  });

  it("keeps combining marks as code points of their own", () => {
    // "Ё" written as Е + U+0308: two code points, two UTF-16 units.
    const text = "Е\u0308лкин и Йо";
    const o = new Utf16Offsets(text);
    expect(text.slice(...o.range({ start: 0, end: 6 }))).toBe("Е\u0308лкин");
    expect(text.slice(...o.range({ start: 9, end: 11 }))).toBe("Йо");
  });

  it("clamps spans that run past the text and collapses reversed ones", () => {
    const o = new Utf16Offsets("abc");
    expect(o.range({ start: 1, end: 99 })).toEqual([1, 3]);
    expect(o.range({ start: 2, end: 1 })).toEqual([2, 2]);
  });
});

describe("segments", () => {
  const text = "Сергей Собянин открыл станцию";

  it("covers the text exactly, marking the ranges", () => {
    const segs = segments(text, [{ start: 0, end: 14, value: "PER" }]);
    expect(segs.map((s) => [s.text, s.covering])).toEqual([
      ["Сергей Собянин", ["PER"]],
      [" открыл станцию", []],
    ]);
    expect(segs.map((s) => s.text).join("")).toBe(text);
  });

  it("splits overlapping and nested ranges into uniformly covered pieces", () => {
    const ranges: Range<string>[] = [
      { start: 0, end: 14, value: "A" },
      { start: 7, end: 21, value: "B" },
      { start: 8, end: 10, value: "C" },
    ];
    const segs = segments(text, ranges);
    expect(segs.map((s) => [s.text, s.covering])).toEqual([
      ["Сергей ", ["A"]],
      ["С", ["A", "B"]],
      ["об", ["A", "B", "C"]],
      ["янин", ["A", "B"]],
      [" открыл", ["B"]],
      [" станцию", []],
    ]);
  });

  it("clips to a window, for one sentence of a document", () => {
    const segs = segments(text, [{ start: 0, end: 14, value: "PER" }], 7, 21);
    expect(segs.map((s) => [s.text, s.covering])).toEqual([
      ["Собянин", ["PER"]],
      [" открыл", []],
    ]);
  });

  it("handles an emoji next to an entity after conversion", () => {
    const t = "🙂Москва";
    const o = new Utf16Offsets(t);
    const [start, end] = o.range({ start: 1, end: 7 });
    const segs = segments(t, [{ start, end, value: "LOC" }]);
    expect(segs.map((s) => [s.text, s.covering])).toEqual([
      ["🙂", []],
      ["Москва", ["LOC"]],
    ]);
  });

  it("returns one plain segment without ranges and nothing for empty text", () => {
    expect(segments("abc", [])).toEqual([{ start: 0, end: 3, text: "abc", covering: [] }]);
    expect(segments("", [])).toEqual([]);
  });
});

describe("segments at scale", () => {
  const marked = (n: number) => {
    const text = "Путин ".repeat(n);
    const ranges = Array.from({ length: n }, (_, i) => ({ start: 6 * i, end: 6 * i + 5, value: i }));
    return { text, ranges };
  };
  it("agrees with the definition on overlapping and nested ranges", () => {
    const text = "abcdefghijklmnopqrstuvwxyz";
    const ranges = [
      { start: 2, end: 10, value: "a" },
      { start: 4, end: 6, value: "b" },
      { start: 5, end: 12, value: "c" },
      { start: 5, end: 12, value: "d" },
      { start: 20, end: 30, value: "e" },
      { start: 8, end: 8, value: "empty" },
    ];
    for (const seg of segments(text, ranges, 3, 22)) {
      const naive = ranges
        .filter((r) => Math.max(r.start, 3) <= seg.start && Math.min(r.end, 22) >= seg.end && r.start < r.end)
        .map((r) => r.value)
        .sort();
      expect([...seg.covering].sort()).toEqual(naive);
    }
  });

  // Work counted, not timed (timings vary with the machine and a synchronous test cannot be
  // stopped by a timeout): every callback that an array method runs is one step. The sweep this
  // replaced filtered all ranges once per segment — ranges × segments steps, 2·10⁸ at 10,000
  // entities — and any per-segment scan of the ranges shows up the same way.
  const steps = (run: () => void) => {
    const methods = ["filter", "some", "map", "forEach", "find", "findIndex", "every", "reduce"] as const;
    const proto = Array.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
    const originals = methods.map((name) => proto[name]);
    let count = 0;
    methods.forEach((name, i) => {
      proto[name] = function (this: unknown[], f: unknown, ...rest: unknown[]) {
        const counted = (...args: unknown[]) => {
          count++;
          return (f as (...a: unknown[]) => unknown)(...args);
        };
        return originals[i].call(this, counted, ...rest);
      };
    });
    try {
      run();
    } finally {
      for (let i = 0; i < methods.length; i++) proto[methods[i]] = originals[i];
    }
    return count;
  };

  it("doubling the entities at most doubles the work (was the square)", () => {
    const small = marked(5_000);
    const large = marked(10_000);
    const s1 = steps(() => segments(small.text, small.ranges));
    const s2 = steps(() => segments(large.text, large.ranges));
    expect(segments(large.text, large.ranges)).toHaveLength(20_000);
    expect(s2 / s1).toBeLessThan(2.1);
    expect(s2).toBeLessThan(20 * 10_000);
  });
});
