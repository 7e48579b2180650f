#!/usr/bin/env python3
"""Expected outputs of the Python reference for svodka's Russian NER port: razdel 0.5.0's
tokenisation of the texts in ner_ru_texts.txt (paragraphs separated by blank lines) plus edge
cases. Run in the fixture venv with razdel installed: `pip install razdel==0.5.0`.
Writes models/fixtures/slovnet/expected.json.
"""
import json
from pathlib import Path

import razdel

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "fixtures" / "slovnet" / "expected.json"

EDGE_CASES = [
    "Смайлы :-) и ;((( и =) рядом, а yahoo! и Yahoo! — исключения.",
    "Что?! Да... Неужели… Вот так -- и так *** и ещё ---.",
    "Доля выросла с 1,5 до 2.75 %, т.е. на 1/2 или 3\\4 пункта.",
    "Кто-то сказал что-то про СИЗО-6 и 2011-2020 гг. в Ростове-на-Дону.",
    "Формулы ΔP и Δσ, слово mβж, H2O, COVID-19, e-mail, snake_case.",
    "Сайт www.example.com/news?id=5 и почта info@mail.ru, телефон +7 (495) 123-45-67.",
    "«Кавычки» „разные“ 'одинарные' (скобки) [квадратные] {фигурные}.",
    "Эмодзи 😀👍 и №5, § 3, 100$ и 50€.",
    "ЁЖИК ёлка Ёлка, ſ K ı İ, １２３ ٣.",
    "",
    "   ",
]


def random_strings(n, seed=1):
    """Strings over a pool of letters, digits and every character a razdel rule looks at, so
    rarely met joins are exercised too."""
    import random
    rng = random.Random(seed)
    pool = list("абвгЁёЯяabcXYZ0123456789 .,-‑–—_/\\?!…:;=()[]{}*«»\"'„“№%$@ΔσſKıİ１😀\n")
    pool += ["yahoo", "Yahoo", "кто", "то", " ", "  "]
    return ["".join(rng.choice(pool) for _ in range(rng.randint(1, 40))) for _ in range(n)]


def tokens(text):
    return [[t.start, t.stop, t.text] for t in razdel.tokenize(text)]


def main():
    paragraphs = [p.strip() for p in (HERE / "ner_ru_texts.txt").read_text(encoding="utf-8").split("\n\n") if p.strip()]
    assert len(paragraphs) >= 30
    doc = dict(
        generated_by="razdel 0.5.0",
        texts=[dict(text=t, tokens=tokens(t)) for t in paragraphs + EDGE_CASES + random_strings(300)],
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
