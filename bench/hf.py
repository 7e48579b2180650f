"""One workload in HF transformers (PyTorch), the way tutorials run these models, with the same
inputs and generation settings as `svodka bench --workload`: prints one JSON line per run and a
summary line. Usage: hf.py MODELS_DIR WORKLOAD INPUT.json RUNS
"""
import json
import re
import sys
import time
from pathlib import Path

import torch
from transformers import (BartForConditionalGeneration, BartTokenizer, BertForTokenClassification,
                          BertTokenizerFast, MarianMTModel, MarianTokenizer, pipeline)

from timing import run_and_report

THREADS = 2
BATCH = 8  # sentences per translation call, as in svodka


def load_bart(models):
    d = Path(models) / "distilbart-cnn-12-6"
    return BartTokenizer.from_pretrained(d), BartForConditionalGeneration.from_pretrained(d).eval()


def load_marian(models, pair):
    d = Path(models) / f"opus-mt-{pair}"
    return MarianTokenizer.from_pretrained(d), MarianMTModel.from_pretrained(d).eval()


def load_ner(models):
    d = Path(models) / "bert-base-NER"
    tok = BertTokenizerFast(str(d / "vocab.txt"), do_lower_case=False, model_max_length=512)
    model = BertForTokenClassification.from_pretrained(d).eval()
    # stride: texts longer than the window are tagged in overlapping windows (svodka chunks them).
    return pipeline("token-classification", model=model, tokenizer=tok, aggregation_strategy="simple",
                    stride=128)


def summarise(tok, model, text, beams, min_length, max_length):
    inputs = tok([text], return_tensors="pt", truncation=True, max_length=1024)
    out = model.generate(**inputs, num_beams=beams, min_length=min_length, max_length=max_length,
                         no_repeat_ngram_size=3, length_penalty=2.0, early_stopping=True)
    return out


def translate(tok, model, sentences, beams, min_length, max_length):
    tokens = 0
    for i in range(0, len(sentences), BATCH):
        batch = tok(sentences[i:i + BATCH], return_tensors="pt", padding=True, truncation=True,
                    max_length=512)
        out = model.generate(**batch, num_beams=beams, min_length=min_length, max_length=max_length,
                             do_sample=False)
        tokens += out.shape[0] * (out.shape[1] - 1)
    return tokens


def workload(models, name, spec):
    if name.startswith("summarise-"):
        tok, model = load_bart(models)
        beams = 1 if name == "summarise-greedy" else 4
        n = spec["summary_tokens"]
        return lambda: summarise(tok, model, spec["summarise_text"], beams, n, n).shape[1] - 1
    if name.startswith("translate-"):
        pair = name.removeprefix("translate-")
        tok, model = load_marian(models, pair)
        key = "sentences_en" if pair == "en-ru" else "sentences_ru"
        n = spec["translation_tokens"]
        return lambda: translate(tok, model, spec[key], 1, n, n)
    if name == "ner":
        ner = load_ner(models)
        return lambda: (ner(spec["article"]), 0)[1]
    if name == "analyze":
        # svodka's English route with its settings (models/manifest.toml): summarise (4 beams,
        # 56–142 tokens), split into sentences, translate each (4 beams, at most twice the
        # longest source + 16 tokens), tag the article and the summary.
        btok, bart = load_bart(models)
        mtok, marian = load_marian(models, "en-ru")
        ner = load_ner(models)

        def run():
            out = summarise(btok, bart, spec["article"], 4, 56, 142)
            summary = btok.decode(out[0], skip_special_tokens=True)
            parts = [s for s in re.split(r"(?<=[.!?])\s+", summary) if s.strip()] or [summary]
            longest = max(len(mtok(s)["input_ids"]) for s in parts)
            translate(mtok, marian, parts, 4, 0, min(512, 2 * longest + 16))
            ner(spec["article"])
            ner(summary)
            return 0
        return run
    raise SystemExit(f"unknown workload {name}")


def main(models, name, input_path, runs):
    torch.set_num_threads(THREADS)
    spec = json.loads(Path(input_path).read_text(encoding="utf-8"))
    started = time.perf_counter()
    with torch.inference_mode():
        job = workload(models, name, spec)
        load_ms = (time.perf_counter() - started) * 1000
        run_and_report(job, runs, "transformers", name, load_ms, torch.get_num_threads())


if __name__ == "__main__":
    main(*sys.argv[1:5])
