"""The inputs every system runs in the cross-system benchmark, written to one JSON file:
the text to summarise (the English sample repeated to fill one BART window), 100 English and
100 Russian news sentences, fixed output lengths, and the article for NER and the whole analyze.

Usage: workloads.py MODELS_DIR OUT.json
"""
import json
import re
import sys
from pathlib import Path

from transformers import BartTokenizer

REPO = Path(__file__).resolve().parent.parent
SUMMARY_TOKENS = 142      # distilbart's own max_length (the `medium` preset)
TRANSLATION_TOKENS = 64   # the fixed cap per translated sentence, decoder start token included
WINDOW_TOKENS = 1000      # under BART's 1,024 positions with room for <s> and </s>


def sentences(text):
    return [s.strip() for s in re.split(r"(?<=[.!?»])\s+(?=[A-ZА-ЯЁ«\"])", text) if s.strip()]


def corpus(name):
    return [l.strip() for l in (REPO / "models/tools" / name).read_text(encoding="utf-8").splitlines() if l.strip()]


def hundred(pool):
    """The first 100 distinct sentences of the pool, cycled if it has fewer."""
    distinct = list(dict.fromkeys(pool))
    return [distinct[i % len(distinct)] for i in range(100)], len(distinct)


def main(models, out):
    article = (REPO / "samples/en-article.txt").read_text(encoding="utf-8").strip()
    tok = BartTokenizer.from_pretrained(Path(models) / "distilbart-cnn-12-6")
    parts, text = [], ""
    for s in sentences(article) * 20:
        candidate = (text + " " + s).strip()
        if len(tok(candidate)["input_ids"]) > WINDOW_TOKENS:
            break
        text = candidate
    en_pool = corpus("corpus_en.txt") + sentences(article)
    ru_article = (REPO / "samples/ru-article.txt").read_text(encoding="utf-8")
    ru_pool = corpus("corpus_ru.txt") + sentences(ru_article)
    ru_pool += sentences((REPO / "models/tools/ner_ru_texts.txt").read_text(encoding="utf-8"))
    en, en_distinct = hundred(en_pool)
    ru, ru_distinct = hundred(ru_pool)
    spec = {
        "summarise_text": text,
        "summarise_input_tokens": len(tok(text)["input_ids"]),
        "summary_tokens": SUMMARY_TOKENS,
        "sentences_en": en,
        "sentences_en_distinct": en_distinct,
        "sentences_ru": ru,
        "sentences_ru_distinct": ru_distinct,
        "translation_tokens": TRANSLATION_TOKENS,
        "article": article,
    }
    Path(out).write_text(json.dumps(spec, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"workloads: summarise {spec['summarise_input_tokens']} tokens → {SUMMARY_TOKENS}; "
          f"100 en sentences ({en_distinct} distinct), 100 ru ({ru_distinct} distinct)")


if __name__ == "__main__":
    main(*sys.argv[1:3])
