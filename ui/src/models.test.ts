import { describe, expect, it } from "vitest";
import type { ModelStatus } from "./bindings/ModelStatus";
import { formatRate, missingIn } from "./models";

const model = (id: string, installed: boolean, installable = true): ModelStatus => ({
  id,
  role: "translate-en-ru",
  installed,
  detail: "",
  licence: "CC-BY-4.0",
  non_commercial: false,
  languages: ["en", "ru"],
  size_mb: 310,
  installable,
});

describe("models panel logic", () => {
  it("finds the missing, installable models a message names", () => {
    const models = [model("opus-mt-en-ru", false), model("opus-mt-ru-en", true), model("slovnet_ner_news_v1", false, false)];
    const reason = "needs the English→Russian translator (opus-mt-en-ru), which is not installed";
    expect(missingIn(reason, models)).toEqual(["opus-mt-en-ru"]);
    expect(missingIn("slovnet_ner_news_v1 opus-mt-ru-en", models)).toEqual([]);
  });

  it("formats transfer rates", () => {
    expect(formatRate(2_500_000)).toBe("2.5 MB/s");
    expect(formatRate(12_000)).toBe("12 kB/s");
  });
});
