#!/usr/bin/env python3
"""Pipeline fixtures: the tiny BART fixture with the keys of the real distilbart-cnn-12-6 config
that change what transformers outputs, and transformers' summarization *pipeline* run on it with
the model's own defaults (only the lengths are cut to fit the tiny model's 128 positions).

  models/fixtures/pipeline/distilbart-cnn-12-6/  config.json: no forced_bos_token_id, but the
      2020 key force_bos_token_to_be_generated, and prefix " " (both as in the real config,
      which transformers honours and rust-bert alone would not); expected.json: the pipeline's
      output ids and text.

Run in the fixture venv (models/tools/make_fixtures.sh builds it), after make_fixtures.py:
  /tmp/svodka-fixture-venv/bin/python models/tools/make_pipeline_fixtures.py
"""
import json
import shutil
from pathlib import Path

import torch
import transformers
from transformers import BartForConditionalGeneration, BartTokenizer, pipeline

assert transformers.__version__.startswith("4.46."), "fixtures are pinned to transformers 4.46.x"
HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"
SRC = FIXTURES / "distilbart-cnn-12-6"
DEST = FIXTURES / "pipeline" / "distilbart-cnn-12-6"
torch.set_grad_enabled(False)

# The real model's generation defaults (its config.json), lengths cut to the tiny window.
REAL_KEYS = dict(prefix=" ", force_bos_token_to_be_generated=True, num_beams=4,
                 length_penalty=2.0, no_repeat_ngram_size=3, early_stopping=True,
                 min_length=8, max_length=32)
INPUTS = [
    "The central bank kept interest rates unchanged for the third meeting in a row. "
    "Officials said inflation was falling faster than expected.",
    "Dr. Helen Wright, a researcher at Oxford University, said the vaccine was safe.",
]


def main():
    DEST.mkdir(parents=True, exist_ok=True)
    for f in ("model.safetensors", "vocab.json", "merges.txt"):
        shutil.copy(SRC / f, DEST / f)
    cfg = json.loads((SRC / "config.json").read_text(encoding="utf-8"))
    cfg.pop("forced_bos_token_id", None)
    cfg.update(REAL_KEYS)
    (DEST / "config.json").write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")

    model = BartForConditionalGeneration.from_pretrained(DEST, attn_implementation="eager").eval()
    assert model.generation_config.forced_bos_token_id == 0, "the old key forces BOS"
    tok = BartTokenizer(str(DEST / "vocab.json"), str(DEST / "merges.txt"))
    summarise = pipeline("summarization", model=model, tokenizer=tok, framework="pt")
    cases = []
    for text in INPUTS:
        out = summarise(text, return_tensors=True, return_text=False)[0]["summary_token_ids"]
        ids = out.tolist()
        while ids and ids[-1] == tok.pad_token_id:
            ids.pop()
        cases.append(dict(input=text, input_ids=tok(" " + text)["input_ids"], ids=ids,
                          text=tok.decode(ids, skip_special_tokens=True)))
    doc = dict(generated_by=f"transformers {transformers.__version__} summarization pipeline, "
                            f"torch {torch.__version__}",
               settings={k: REAL_KEYS[k] for k in ("num_beams", "length_penalty",
                                                   "no_repeat_ngram_size", "early_stopping",
                                                   "min_length", "max_length")},
               cases=cases)
    (DEST / "expected.json").write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    print("pipeline fixtures written to", DEST)


if __name__ == "__main__":
    main()
