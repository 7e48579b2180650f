import { describe, expect, it } from "vitest";
import type { Comparison } from "./bindings/Comparison";
import { confidence, meanChrf, pickNote, slotCandidates } from "./compare";

function sentence(text: string, matches: number | null, chrf: number | null = 50) {
  return { text, source: null, back_translation: null, reference: null, chrf, matches };
}

const comparison: Comparison = {
  source_language: "en",
  language: "ru",
  versions: [
    { key: "own", label: "own", models: [], diff: [], sentences: [sentence("Один.", 0, 70), sentence("Два.", 1, 30)] },
    {
      key: "key-sentences:m",
      label: "Key sentences",
      models: ["m"],
      diff: [],
      sentences: [sentence("Раз.", 0, 65), sentence("Один.", 0), sentence("Второе.", 1, null)],
    },
  ],
  missing: [],
  back_translator: "opus-mt-ru-en",
  timings: [],
};

describe("confidence", () => {
  it("bands chrF scores", () => {
    expect(confidence(75)).toBe("high");
    expect(confidence(60)).toBe("high");
    expect(confidence(45)).toBe("medium");
    expect(confidence(12.5)).toBe("low");
    expect(confidence(null)).toBe("unknown");
  });
});

describe("slotCandidates", () => {
  it("offers, per own sentence, the other versions' sentences that match it, without repeats", () => {
    const slots = slotCandidates(comparison);
    expect(slots.map((s) => s.map((c) => c.text))).toEqual([
      ["Один.", "Раз."],
      ["Два.", "Второе."],
    ]);
    expect(slots[1][1]).toEqual({ version: 1, sentence: 2, text: "Второе.", chrf: null });
  });
});

describe("pickNote", () => {
  it("names the replaced sentences and their versions", () => {
    const slots = slotCandidates(comparison);
    expect(pickNote(comparison, [slots[0][0], slots[1][1]])).toBe(
      "Russian summary edited after comparing versions: sentence 2 from “Key sentences”.",
    );
    expect(pickNote(comparison, [slots[0][0], slots[1][0]])).toBe("");
  });
});

describe("meanChrf", () => {
  it("averages the scored sentences only", () => {
    expect(meanChrf(comparison.versions[1])).toBeCloseTo(57.5);
    expect(meanChrf({ ...comparison.versions[1], sentences: [sentence("x", 0, null)] })).toBeNull();
  });
});
