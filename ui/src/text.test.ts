import { describe, expect, it } from "vitest";
import { acceptsFile, countChars, countWords, formatCount, scriptHint } from "./text";

describe("text facts", () => {
  it("counts words in Russian and English, hyphens and apostrophes once", () => {
    expect(countWords("Кто-то сказал: «Нью-Йорк — это 2030 г.»")).toBe(6);
    expect(countWords("The port's chief executive didn't say")).toBe(6);
    expect(countWords("  ")).toBe(0);
  });

  it("counts characters as code points", () => {
    expect(countChars("😀ё")).toBe(2);
  });

  it("guesses the script once there is enough text", () => {
    expect(scriptHint("Правительство Москвы утвердило программу")).toBe("ru");
    expect(scriptHint("Port authorities in Rotterdam said on Tuesday")).toBe("en");
    expect(scriptHint("Да")).toBeNull();
  });

  it("formats counts and accepts text and HTML files", () => {
    expect(formatCount(12345)).toBe("12\u202f345");
    expect(acceptsFile("article.html", "")).toBe(true);
    expect(acceptsFile("photo.png", "image/png")).toBe(false);
  });
});
