"""Translation workloads in CTranslate2 (int8 or float32), converted from the same Marian weights,
with the same sentences, batch size, greedy search and output length as svodka and transformers.
Usage: ct2.py MODELS_DIR CT2_DIR WORKLOAD COMPUTE_TYPE INPUT.json RUNS
"""
import json
import sys
import time
from pathlib import Path

import ctranslate2
from transformers import MarianTokenizer

from timing import run_and_report

THREADS = 2
BATCH = 8


def main(models, ct2_dir, name, compute_type, input_path, runs):
    spec = json.loads(Path(input_path).read_text(encoding="utf-8"))
    pair = name.removeprefix("translate-")
    started = time.perf_counter()
    tok = MarianTokenizer.from_pretrained(Path(models) / f"opus-mt-{pair}")
    translator = ctranslate2.Translator(str(Path(ct2_dir) / f"opus-mt-{pair}-{compute_type}"),
                                        device="cpu", compute_type=compute_type,
                                        intra_threads=THREADS, inter_threads=1)
    load_ms = (time.perf_counter() - started) * 1000
    sentences = spec["sentences_en" if pair == "en-ru" else "sentences_ru"]
    # transformers' and svodka's max_length counts the decoder start token; CTranslate2's does not.
    n = spec["translation_tokens"] - 1

    def run():
        tokens = 0
        for i in range(0, len(sentences), BATCH):
            batch = [tok.convert_ids_to_tokens(tok(s)["input_ids"]) for s in sentences[i:i + BATCH]]
            out = translator.translate_batch(batch, beam_size=1, max_decoding_length=n,
                                             min_decoding_length=n, max_batch_size=BATCH)
            tokens += sum(len(r.hypotheses[0]) for r in out)
        return tokens

    run_and_report(run, runs, f"ctranslate2-{compute_type}", name, load_ms, THREADS)


if __name__ == "__main__":
    main(*sys.argv[1:7])
