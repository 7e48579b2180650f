import { describe, expect, it } from "vitest";
import { entityOption, parseEntityOption, parseTags, snippetPieces } from "./library";

describe("parseTags", () => {
  it("splits on commas, trims, drops empties and repeats in any case", () => {
    expect(parseTags(" energy,  sanctions ,, Energy , EU  policy ")).toEqual([
      "energy",
      "sanctions",
      "EU policy",
    ]);
    expect(parseTags("")).toEqual([]);
    expect(parseTags("санкции, Санкции")).toEqual(["санкции"]);
  });
});

describe("snippetPieces", () => {
  it("marks the query's words by code point offsets, emoji before them included", () => {
    // "🙂" is one code point but two UTF-16 units: the mark must still land on "Путина".
    const pieces = snippetPieces({
      text: "🙂 встреча Путина и Си",
      marks: [{ start: 10, end: 16 }],
    });
    expect(pieces).toEqual([
      { text: "🙂 встреча ", marked: false },
      { text: "Путина", marked: true },
      { text: " и Си", marked: false },
    ]);
  });

  it("gives the whole text when nothing is marked", () => {
    expect(snippetPieces({ text: "plain", marks: [] })).toEqual([{ text: "plain", marked: false }]);
  });
});

describe("entity filter options", () => {
  it("round-trips kind and name, colons in names included", () => {
    const f = { kind: "ORG" as const, name: "ПАО: «Газпром»" };
    expect(parseEntityOption(entityOption(f))).toEqual(f);
    expect(parseEntityOption("")).toBeNull();
    expect(parseEntityOption("XYZ:Name")).toBeNull();
  });
});
