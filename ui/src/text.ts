// Small facts about pasted text, shown before any analysis runs.

/** Words: runs of letters or digits (hyphenated and apostrophed words count once). */
export function countWords(text: string): number {
  const words = text.match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu);
  return words ? words.length : 0;
}

/** Characters as a reader counts them: code points, not UTF-16 units. */
export function countChars(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The script most letters are in, as a hint until the engine detects the language. */
export function scriptHint(text: string): "ru" | "en" | null {
  let cyrillic = 0;
  let latin = 0;
  for (const ch of text) {
    if (/\p{Script=Cyrillic}/u.test(ch)) cyrillic++;
    else if (/\p{Script=Latin}/u.test(ch)) latin++;
  }
  if (cyrillic + latin < 20) return null;
  return cyrillic > latin ? "ru" : "en";
}

/** Formats a count with thin spaces between thousands: 12 345. */
export function formatCount(n: number): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
}

/** Files the article pane accepts by drop: plain text and HTML (the engine strips the HTML). */
export function acceptsFile(name: string, type: string): boolean {
  return /\.(txt|text|html?|md)$/i.test(name) || type === "text/plain" || type === "text/html";
}
