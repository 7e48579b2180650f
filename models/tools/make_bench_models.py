#!/usr/bin/env python3
"""Random-weight models with the real models' dimensions (distilbart-cnn-12-6, opus-mt-*,
bert-base-NER), for benchmarks of speed and memory where the real weights cannot be downloaded.
They reuse the fixture tokenizers, with their vocabularies padded to the real sizes so embedding
and output layers cost what they really cost. Outputs are nonsense and, unlike real models, never
stop early, so generation always runs to max_length: timings are an upper bound.

Usage: make_bench_models.py OUT_DIR   (in the fixture venv: models/tools/make_fixtures.sh's)
"""
import json
import shutil
import sys
from pathlib import Path

import torch
from transformers import (BartConfig, BartForConditionalGeneration, BertConfig,
                          BertForTokenClassification, MarianConfig, MarianMTModel)

from make_fixtures import patch_config, save_marian_positions

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
torch.set_grad_enabled(False)


def pad_vocab_json(src, dest, size, last=None):
    vocab = json.loads(src.read_text(encoding="utf-8"))
    if last:
        vocab.pop(last)
    i = 0
    while len(vocab) < size - (1 if last else 0):
        vocab[f"<bench_{i}>"] = len(vocab)
        i += 1
    if last:
        vocab[last] = len(vocab)
    dest.write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    return vocab


def copy(names, src, dest):
    for n in names:
        shutil.copy(src / n, dest / n)


def marian(out, name):
    src, dest = FIXTURES / name, out / name
    dest.mkdir(parents=True, exist_ok=True)
    vocab = pad_vocab_json(src / "vocab.json", dest / "vocab.json", 62518, last="<pad>")
    copy(["source.spm", "target.spm"], src, dest)
    pad = vocab["<pad>"]
    cfg = MarianConfig(vocab_size=62518, d_model=512, encoder_layers=6, decoder_layers=6,
                       encoder_attention_heads=8, decoder_attention_heads=8, encoder_ffn_dim=2048,
                       decoder_ffn_dim=2048, max_position_embeddings=512, activation_function="swish",
                       pad_token_id=pad, eos_token_id=0, decoder_start_token_id=pad,
                       scale_embedding=True, share_encoder_decoder_embeddings=True)
    model = MarianMTModel(cfg).eval()
    model.save_pretrained(dest, safe_serialization=True)
    save_marian_positions(model, dest)
    patch(dest, static_position_embeddings=True, normalize_embedding=False,
          decoder_start_token_id=pad, pad_token_id=pad, eos_token_id=0, forced_eos_token_id=0)


def bart(out):
    src, dest = FIXTURES / "distilbart-cnn-12-6", out / "distilbart-cnn-12-6"
    dest.mkdir(parents=True, exist_ok=True)
    pad_vocab_json(src / "vocab.json", dest / "vocab.json", 50264)
    copy(["merges.txt"], src, dest)
    cfg = BartConfig(vocab_size=50264, d_model=1024, encoder_layers=12, decoder_layers=6,
                     encoder_attention_heads=16, decoder_attention_heads=16, encoder_ffn_dim=4096,
                     decoder_ffn_dim=4096, max_position_embeddings=1024, activation_function="gelu",
                     pad_token_id=1, bos_token_id=0, eos_token_id=2, decoder_start_token_id=2,
                     forced_bos_token_id=0, forced_eos_token_id=2, scale_embedding=False)
    BartForConditionalGeneration(cfg).eval().save_pretrained(dest, safe_serialization=True)
    patch(dest, forced_bos_token_id=0, forced_eos_token_id=2, decoder_start_token_id=2)


def bert(out):
    src, dest = FIXTURES / "bert-base-NER", out / "bert-base-NER"
    dest.mkdir(parents=True, exist_ok=True)
    words = (src / "vocab.txt").read_text(encoding="utf-8").splitlines()
    words += [f"[bench_{i}]" for i in range(28996 - len(words))]
    (dest / "vocab.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    labels = json.loads((src / "config.json").read_text())["id2label"]
    cfg = BertConfig(vocab_size=28996, hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
                     intermediate_size=3072, max_position_embeddings=512, num_labels=9,
                     id2label={int(k): v for k, v in labels.items()})
    BertForTokenClassification(cfg).eval().save_pretrained(dest, safe_serialization=True)


def patch(dest, **extra):
    patch_config(dest, **extra)
    (dest / "generation_config.json").unlink(missing_ok=True)


if __name__ == "__main__":
    out = Path(sys.argv[1])
    torch.manual_seed(0)
    marian(out, "opus-mt-en-ru")
    marian(out, "opus-mt-ru-en")
    bart(out)
    bert(out)
    print("benchmark models written to", out)
