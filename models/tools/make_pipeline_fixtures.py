#!/usr/bin/env python3
"""Pipeline fixtures: tiny fixture models with the keys of the real configs that change what
transformers outputs, and transformers' own *pipelines* run on them with the models' defaults
(only the lengths are cut to fit the tiny models).

  models/fixtures/pipeline/distilbart-cnn-12-6/  config.json: no forced_bos_token_id, but the
      2020 key force_bos_token_to_be_generated, and prefix " " (both as in the real config,
      which transformers honours and rust-bert alone would not); expected.json: the
      summarization pipeline's output ids and text.
  models/fixtures/pipeline/opus-mt-en-ru/  the en→ru fixture without the −1e9 bias on <pad>
      that the plain fixtures give it (a real model's pad logit is an ordinary number), and the
      real config's bad_words_ids [[pad]] and 4 beams; expected.json: the translation
      pipeline's output. transformers bans <pad> after log-softmax, so the other tokens'
      log-probabilities keep pad's share, rust-bert before. On this tiny model that moves the
      beam scores (about 0.009 here) but not the chosen ids (measured in transformers by banning
      both ways), so expected.json also keeps transformers' beam scores, which show it.

Run in the fixture venv (models/tools/make_fixtures.sh builds it), after make_fixtures.py:
  /tmp/svodka-fixture-venv/bin/python models/tools/make_pipeline_fixtures.py
"""
import json
import shutil
from pathlib import Path

import torch
import transformers
from safetensors.torch import load_file, save_file
from transformers import (BartForConditionalGeneration, BartTokenizer, MarianMTModel,
                          MarianTokenizer, pipeline)

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


MARIAN_SRC = FIXTURES / "opus-mt-en-ru"
MARIAN_DEST = FIXTURES / "pipeline" / "opus-mt-en-ru"
MARIAN_INPUTS = [
    "The central bank kept interest rates unchanged for the third meeting in a row.",
    "Dr. Helen Wright, a researcher at Oxford University, said the vaccine was safe.",
    "Shares fell.",
]


def strip(ids, pad):
    while ids and ids[-1] == pad:
        ids.pop()
    return ids


def marian():
    MARIAN_DEST.mkdir(parents=True, exist_ok=True)
    for f in ("vocab.json", "source.spm", "target.spm"):
        shutil.copy(MARIAN_SRC / f, MARIAN_DEST / f)
    cfg = json.loads((MARIAN_SRC / "config.json").read_text(encoding="utf-8"))
    pad = cfg["pad_token_id"]
    weights = load_file(MARIAN_SRC / "model.safetensors")
    # A pad logit of a size that matters: the plain fixtures' −1e9 hid where the ban happens.
    weights["final_logits_bias"][0, pad] = 2.0
    save_file(weights, MARIAN_DEST / "model.safetensors", metadata={"format": "pt"})
    cfg.update(bad_words_ids=[[pad]], num_beams=4, max_length=40)
    (MARIAN_DEST / "config.json").write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")

    model = MarianMTModel.from_pretrained(MARIAN_DEST, attn_implementation="eager").eval()
    tok = MarianTokenizer(source_spm=str(MARIAN_DEST / "source.spm"),
                          target_spm=str(MARIAN_DEST / "target.spm"),
                          vocab=str(MARIAN_DEST / "vocab.json"))
    translate = pipeline("translation", model=model, tokenizer=tok, framework="pt")
    cases = []
    for text in MARIAN_INPUTS:
        ids = translate(text, return_tensors=True, return_text=False)[0]["translation_token_ids"]
        ids = ids.tolist()
        while ids and ids[-1] == pad:
            ids.pop()
        # The pipeline reports no scores: the same generate call, with the model's defaults, does.
        out = model.generate(**tok([text], return_tensors="pt"), output_scores=True,
                             return_dict_in_generate=True)
        assert strip(out.sequences[0].tolist(), pad) == ids
        cases.append(dict(input=text, input_ids=tok(text)["input_ids"], ids=ids,
                          text=tok.decode(ids, skip_special_tokens=True),
                          score=out.sequences_scores[0].item()))
    doc = dict(generated_by=f"transformers {transformers.__version__} translation pipeline, "
                            f"torch {torch.__version__}",
               settings=dict(num_beams=4, length_penalty=1.0, no_repeat_ngram_size=0,
                             early_stopping=False, min_length=0, max_length=40),
               cases=cases)
    (MARIAN_DEST / "expected.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n",
                                               encoding="utf-8")


def main():
    marian()
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
        ids = strip(out.tolist(), tok.pad_token_id)
        scored = model.generate(**tok([" " + text], return_tensors="pt"), output_scores=True,
                                return_dict_in_generate=True, min_length=8, max_length=32)
        assert strip(scored.sequences[0].tolist(), tok.pad_token_id) == ids
        cases.append(dict(input=text, input_ids=tok(" " + text)["input_ids"], ids=ids,
                          text=tok.decode(ids, skip_special_tokens=True),
                          score=scored.sequences_scores[0].item()))
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
