#!/usr/bin/env python3
"""Expected outputs of the Python reference for svodka's Russian NER port (natasha 1.6.0: razdel
0.5.0 tokens, slovnet 0.6.0 NER on navec embeddings) for the texts in ner_ru_texts.txt (paragraphs
separated by blank lines), the Russian sample article, edge cases and random strings: every token
with its offsets, its slovnet word shape, its BIO tag and the resulting entity spans. Also the
shape of every single code point, as runs, since shapes follow Python's Unicode tables.
Run in a throwaway venv: `pip install natasha==1.6.0`. Writes models/fixtures/slovnet/expected.json.
"""
import json
from pathlib import Path

import razdel
import slovnet
from natasha import NewsEmbedding, NewsNERTagger
from slovnet.shape import word_shape

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
    "Старые формы ᲀᲁᲂ Ꙋ ᲇ, цифры 𑥐𑥑 ᱐᱑ 5٣ и разделители \x1c x\x1fy.",
    "",
    "   ",
]


def random_strings(n, seed=1):
    """Strings over a pool of letters, digits and every character a razdel rule looks at, so
    rarely met joins are exercised too."""
    import random
    rng = random.Random(seed)
    pool = list("абвгЁёЯяabcXYZ0123456789 .,-‑–—_/\\?!…:;=()[]{}*«»\"'„“№%$@ΔσſKıİ１😀\nᲀ𑥐\x1c")
    pool += ["yahoo", "Yahoo", "кто", "то", " ", "  "]
    return ["".join(rng.choice(pool) for _ in range(rng.randint(1, 40))) for _ in range(n)]


# Words whose shapes take each branch of slovnet.shape.word_shape.
SHAPE_WORDS = [
    "Москва", "МОСКВА", "москва", "мОсква", "Нью-Йорк", "Ростов-на-Дону", "Ростов-На-Дону",
    "СИЗО-6", "iPhone", "NATO", "Nato", "nato", "X", "x", "Я", "я", "Йошкар-Ола", "Ёж", "ЁЖ",
    "2011-2020", "-5", "+7", "+", "-", "--", "...", "?!", "«", "»", "№", "…", "1,5", "5%",
    "ǅemal", "ǅ", "Ǆ", "ǆ", "ΔP", "Δσ", "σ", "ſ", "K", "ı", "İ", "１２３", "٣", "Ⅻ", "ⅻ",
    "COVID-19", "e-mail", "H2O", "mβж", "Ab-", "-Ab", "A-B", "Ab-Cd-Ef", "😀", "ß", "ẞ",
]


def tokens(text):
    return [[t.start, t.stop, t.text] for t in razdel.tokenize(text)]


def shape_runs():
    """[first, last + 1, shape] runs over all code points (surrogates skipped)."""
    runs = []
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        shape = word_shape(chr(cp))
        if runs and runs[-1][1] == cp and runs[-1][2] == shape:
            runs[-1][1] = cp + 1
        else:
            runs.append([cp, cp + 1, shape])
    return runs


def case(text, ner):
    toks = tokens(text)
    # natasha raises IndexError on a text without tokens; the port returns no entities.
    markup = ner(text) if toks else None
    return dict(
        text=text,
        tokens=toks,
        shapes=[word_shape(t[2]) for t in toks],
        tags=list(tag_tokens(ner, text)),
        spans=[[s.start, s.stop, s.type] for s in markup.spans] if markup else [],
    )


def tag_tokens(ner, text):
    """The BIO tag of each token, as natasha's tagger decides it before making spans."""
    infer = ner.infer
    words = [t.text for t in razdel.tokenize(text)]
    if not words:
        return []
    inputs = infer.encoder([words])
    preds = infer.decoder(infer.process(inputs))
    return next(preds)


def main():
    paragraphs = [p.strip() for p in (HERE / "ner_ru_texts.txt").read_text(encoding="utf-8").split("\n\n") if p.strip()]
    assert len(paragraphs) >= 30
    sample = (HERE.parent.parent / "samples" / "ru-article.txt").read_text(encoding="utf-8")
    ner = NewsNERTagger(NewsEmbedding())
    doc = dict(
        generated_by=f"natasha 1.6.0, slovnet {slovnet.__version__ if hasattr(slovnet, '__version__') else '0.6.0'}, razdel 0.5.0",
        ner_texts=len(paragraphs) + 1,
        texts=[case(t, ner) for t in paragraphs + [sample] + EDGE_CASES + random_strings(300)],
        shape_words=[[w, word_shape(w)] for w in SHAPE_WORDS],
        shape_runs=shape_runs(),
    )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    # One text or run per line: small diffs when the texts change, still greppable.
    lines = ["{"]
    for key, value in doc.items():
        if isinstance(value, list):
            items = ",\n  ".join(json.dumps(v, ensure_ascii=False) for v in value)
            lines.append(f' {json.dumps(key)}: [\n  {items}\n ],')
        else:
            lines.append(f' {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},')
    lines[-1] = lines[-1].rstrip(",")
    OUT.write_text("\n".join(lines) + "\n}\n", encoding="utf-8")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
