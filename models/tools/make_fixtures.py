#!/usr/bin/env python3
"""Build svodka's test fixtures: tiny random-weight models of the exact architectures of the real
models (Marian en→ru / ru→en, BART, BERT token classification) with tokenizers trained here, plus
HF transformers' own outputs on them. The Rust engine must reproduce those outputs token for token.

Run with models/tools/make_fixtures.sh (it builds the throwaway venv with pinned versions).
Two sets are written:
  models/fixtures/<model>/       real activations (swish for Marian, gelu for BART/BERT), like the
                                 real checkpoints: greedy ids must match exactly, beam search must
                                 match exactly where HF's two best beams are clearly apart.
  models/fixtures/relu/<model>/  relu everywhere: rust-bert and torch then compute bit-identical
                                 logits, so greedy and beam ids must match exactly.
"""
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

import sentencepiece as spm
import torch
import transformers
from safetensors.torch import load_file, save_file
from tokenizers import ByteLevelBPETokenizer, BertWordPieceTokenizer
from transformers import (BartConfig, BartForConditionalGeneration, BartTokenizer, BertConfig,
                          BertForTokenClassification, BertTokenizerFast, MarianConfig, MarianMTModel,
                          MarianTokenizer)

assert transformers.__version__.startswith("4.46."), "fixtures are pinned to transformers 4.46.x"
assert torch.__version__.startswith("2.4.0"), "fixtures are pinned to torch 2.4.0"

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
OUT = ROOT / "models" / "fixtures"
SAMPLES = ROOT / "samples"
torch.set_grad_enabled(False)

CORPUS_EN = (HERE / "corpus_en.txt").read_text(encoding="utf-8").splitlines()
CORPUS_RU = (HERE / "corpus_ru.txt").read_text(encoding="utf-8").splitlines()
ARTICLE_EN = (SAMPLES / "en-article.txt").read_text(encoding="utf-8")
ARTICLE_RU = (SAMPLES / "ru-article.txt").read_text(encoding="utf-8")

# Test inputs. Sentences are given as the engine hands them to the models (one sentence each).
EN_SENTENCES = [
    "The central bank kept interest rates unchanged for the third meeting in a row.",
    "Dr. Helen Wright, a researcher at Oxford University, said the vaccine was safe.",
    "Port authorities in Rotterdam said on Tuesday that container traffic fell by 4 per cent.",
    "Shares fell.",
]
RU_SENTENCES = [
    "Центральный банк сохранил ключевую ставку на прежнем уровне.",
    "Мэр Москвы С. С. Собянин отметил, что доля электротранспорта должна превысить 70 процентов.",
    "Компания «Газпром» сообщила о росте прибыли во втором квартале.",
    "Суд признал договор действительным.",
]
EN_PARAGRAPH = " ".join(CORPUS_EN[:6])
RU_PARAGRAPH = " ".join(CORPUS_RU[:4])
# Long text, one sentence per line: the map-reduce test chunks it on sentence boundaries.
LONG_EN_SENTENCES = CORPUS_EN + [" ".join(s.split()) + "." for s in ARTICLE_EN.split(". ") if s.strip()][:8]

# Generation settings used for the fixtures; the Rust tests pass the same values to the engine.
MARIAN_SETTINGS = dict(min_length=0, max_length=24, no_repeat_ngram_size=0, length_penalty=1.0,
                       early_stopping=True)
BART_SETTINGS = dict(min_length=8, max_length=32, no_repeat_ngram_size=3, length_penalty=2.0,
                     early_stopping=True)
# Long generations, to test what short ones cannot reach: the vendored rust-bert's caches and
# shared cross-attention (vendor/README.md) over hundreds of steps of beams reordering.
# (min_length below max_length: with min = max, rust-bert bans the end token that transformers
# forces at the last step.)
MARIAN_LONG_SETTINGS = dict(min_length=290, max_length=300, no_repeat_ngram_size=0,
                            length_penalty=1.0, early_stopping=True)
BART_WINDOW = 128  # tiny BART's max_position_embeddings: small, so long texts need several chunks


def train_spm(lines, prefix, vocab_size):
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_prefix=str(prefix), vocab_size=vocab_size,
        model_type="unigram", character_coverage=1.0, hard_vocab_limit=False,
        bos_id=-1, eos_id=-1, unk_id=0, minloglevel=2)
    sp = spm.SentencePieceProcessor(model_file=f"{prefix}.model")
    return [sp.id_to_piece(i) for i in range(sp.get_piece_size())]


def marian_tokenizers(tmp):
    """Separate source/target sentencepiece models and one joint vocab, as in opus-mt."""
    en_pieces = train_spm(CORPUS_EN + [ARTICLE_EN], tmp / "en", 400)
    ru_pieces = train_spm(CORPUS_RU + [ARTICLE_RU], tmp / "ru", 400)
    vocab = {"</s>": 0, "<unk>": 1}
    for p in en_pieces + ru_pieces:
        if p not in vocab and p != "<unk>":
            vocab[p] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (tmp / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    return vocab


def save_marian(vocab, tmp, src, tgt, act, dest, seed):
    tok = MarianTokenizer(source_spm=str(tmp / f"{src}.model"), target_spm=str(tmp / f"{tgt}.model"),
                          vocab=str(tmp / "vocab.json"), source_lang=src, target_lang=tgt)
    pad = vocab["<pad>"]
    cfg = MarianConfig(vocab_size=len(vocab), d_model=64, encoder_layers=2, decoder_layers=2,
                       encoder_attention_heads=4, decoder_attention_heads=4, encoder_ffn_dim=128,
                       decoder_ffn_dim=128, max_position_embeddings=512, activation_function=act,
                       pad_token_id=pad, eos_token_id=0, decoder_start_token_id=pad,
                       forced_eos_token_id=0, scale_embedding=True,
                       share_encoder_decoder_embeddings=True, attn_implementation="eager")
    torch.manual_seed(seed)
    model = MarianMTModel(cfg).eval()
    # rust-bert bans <pad> before log_softmax, HF after: a huge negative bias makes both agree.
    model.final_logits_bias[0, pad] = -1e9
    dest.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(dest, safe_serialization=True)
    tok.save_pretrained(dest)
    save_marian_positions(model, dest)
    patch_config(dest, static_position_embeddings=True, normalize_embedding=False,
                 decoder_start_token_id=pad, pad_token_id=pad, eos_token_id=0,
                 forced_eos_token_id=0)
    for f in ("tokenizer_config.json", "special_tokens_map.json", "generation_config.json"):
        (dest / f).unlink(missing_ok=True)
    return model, tok


def save_marian_positions(model, dest):
    """rust-bert wants the static sinusoidal position tables that HF does not save."""
    weights = load_file(dest / "model.safetensors")
    sd = model.state_dict()
    for k in ("model.encoder.embed_positions.weight", "model.decoder.embed_positions.weight"):
        weights[k] = sd[k].contiguous()
    save_file(weights, dest / "model.safetensors", metadata={"format": "pt"})


def patch_config(dest, **extra):
    cfg = json.loads((dest / "config.json").read_text(encoding="utf-8"))
    cfg.update(extra)
    (dest / "config.json").write_text(json.dumps(cfg, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def generate_cases(model, tok, inputs, settings, hf_extra):
    cases = []
    for text in inputs:
        enc = tok([text], return_tensors="pt")
        for mode, beams in (("greedy", 1), ("beam", 4)):
            out = model.generate(**enc, do_sample=False, num_beams=beams,
                                 num_return_sequences=beams, output_scores=True,
                                 return_dict_in_generate=True, repetition_penalty=1.0,
                                 **settings, **hf_extra)
            seqs = [strip_pad(s.tolist(), tok.pad_token_id) for s in out.sequences]
            case = dict(mode=mode, input=text, input_ids=enc["input_ids"][0].tolist(),
                        ids=seqs[0], text=tok.decode(seqs[0], skip_special_tokens=True))
            if beams > 1:
                case["beams"] = [dict(ids=s, score=float(sc))
                                 for s, sc in zip(seqs, out.sequences_scores.tolist())]
            cases.append(case)
    return cases


def strip_pad(ids, pad):
    # Sequences come back padded to the longest beam; the first id is the decoder start token.
    first, rest = ids[:1], ids[1:]
    while rest and rest[-1] == pad:
        rest.pop()
    return first + rest


def marian_extra(pad):
    return dict(decoder_start_token_id=pad, forced_eos_token_id=0, eos_token_id=0,
                pad_token_id=pad, bad_words_ids=[[pad]])


def marian_fixture(vocab, tmp, src, tgt, act, dest, inputs, seed):
    model, tok = save_marian(vocab, tmp, src, tgt, act, dest, seed)
    write_expected(dest, "marian", act, MARIAN_SETTINGS,
                   generate_cases(model, tok, inputs, MARIAN_SETTINGS, marian_extra(vocab["<pad>"])))
    add_long_cases(dest, inputs[:2])


def add_long_cases(dest, inputs):
    """Adds transformers' long generations (MARIAN_LONG_SETTINGS) on the Marian fixture saved in
    dest to its expected.json, under "long"."""
    model = MarianMTModel.from_pretrained(dest, attn_implementation="eager").eval()
    tok = MarianTokenizer(source_spm=str(dest / "source.spm"), target_spm=str(dest / "target.spm"),
                          vocab=str(dest / "vocab.json"))
    cases = generate_cases(model, tok, inputs, MARIAN_LONG_SETTINGS, marian_extra(tok.pad_token_id))
    path = dest / "expected.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["long"] = dict(settings=MARIAN_LONG_SETTINGS, cases=cases)
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def write_expected(dest, arch, act, settings, cases, **extra):
    doc = dict(generated_by=f"transformers {transformers.__version__}, torch {torch.__version__}",
               architecture=arch, activation=act, settings=settings, cases=cases, **extra)
    (dest / "expected.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def bart_tokenizer(tmp):
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(CORPUS_EN + ARTICLE_EN.splitlines(), vocab_size=1200, min_frequency=1,
                            special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"])
    bpe.save_model(str(tmp))
    return BartTokenizer(str(tmp / "vocab.json"), str(tmp / "merges.txt"))


def chunk_sentences(tok, sentences, window):
    """Greedy packing of whole sentences into chunks whose encoding (with specials) fits the
    window: the same rule the engine uses (crates/engine/src/prepare/chunk.rs)."""
    chunks, current = [], []
    for s in sentences:
        s = s.strip()
        if not s:
            continue
        candidate = " ".join(current + [s])
        if current and len(tok(candidate)["input_ids"]) > window:
            chunks.append(" ".join(current))
            current = [s]
        else:
            current.append(s)
    if current:
        chunks.append(" ".join(current))
    for c in chunks:
        assert len(tok(c)["input_ids"]) <= window, "a fixture sentence is longer than the window"
    return chunks


def bart_fixture(tmp, act, dest, seed):
    tok = bart_tokenizer(tmp)
    cfg = BartConfig(vocab_size=len(tok), d_model=64, encoder_layers=2, decoder_layers=2,
                     encoder_attention_heads=4, decoder_attention_heads=4, encoder_ffn_dim=128,
                     decoder_ffn_dim=128, max_position_embeddings=BART_WINDOW,
                     activation_function=act, pad_token_id=1, bos_token_id=0, eos_token_id=2,
                     decoder_start_token_id=2, forced_bos_token_id=0, forced_eos_token_id=2,
                     scale_embedding=False, attn_implementation="eager")
    torch.manual_seed(seed)
    model = BartForConditionalGeneration(cfg).eval()
    dest.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(dest, safe_serialization=True)
    tok.save_pretrained(dest)
    # transformers 4.46 moves generation settings to generation_config.json; rust-bert reads only
    # config.json.
    patch_config(dest, forced_bos_token_id=0, forced_eos_token_id=2, decoder_start_token_id=2,
                 bos_token_id=0, eos_token_id=2, pad_token_id=1)
    for f in ("tokenizer_config.json", "special_tokens_map.json", "generation_config.json"):
        (dest / f).unlink(missing_ok=True)
    hf_extra = dict(decoder_start_token_id=2, forced_bos_token_id=0, forced_eos_token_id=2,
                    eos_token_id=2, pad_token_id=1)
    summary_inputs = [" ".join(CORPUS_EN[:3]), EN_SENTENCES[1]]
    assert all(len(tok(t)["input_ids"]) <= BART_WINDOW for t in summary_inputs)
    cases = generate_cases(model, tok, summary_inputs, BART_SETTINGS, hf_extra)

    # Map-reduce on a long text: pack sentences into chunks that fit the window, summarise each
    # chunk (greedy), then pack the chunk summaries the same way until one chunk remains.
    def summarise(text):
        ids = model.generate(**tok([text], return_tensors="pt"), do_sample=False, num_beams=1,
                             **BART_SETTINGS, **hf_extra)[0].tolist()
        return strip_pad(ids, 1), tok.decode(ids, skip_special_tokens=True).strip()

    units, levels = LONG_EN_SENTENCES, []
    while True:
        chunks = chunk_sentences(tok, units, BART_WINDOW)
        if len(chunks) == 1:
            ids, text = summarise(chunks[0])
            break
        units = [summarise(c)[1] for c in chunks]
        levels.append(dict(chunks=chunks, summaries=units))
    assert len(levels[0]["chunks"]) >= 3, "the long text must need several chunks"
    map_reduce = dict(sentences=LONG_EN_SENTENCES, window=BART_WINDOW, levels=levels,
                      final_input=chunks[0], ids=ids, text=text)
    write_expected(dest, "bart", act, BART_SETTINGS, cases, map_reduce=map_reduce)


CONLL = ["O", "B-MISC", "I-MISC", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]


def bert_fixture(tmp, act, dest, seed):
    wp = BertWordPieceTokenizer(lowercase=False, strip_accents=False, clean_text=True)
    wp.train_from_iterator(CORPUS_EN + ARTICLE_EN.splitlines(), vocab_size=600, min_frequency=1,
                           special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"])
    wp.save_model(str(tmp))
    tok = BertTokenizerFast(str(tmp / "vocab.txt"), do_lower_case=False, strip_accents=False)
    cfg = BertConfig(vocab_size=len(tok), hidden_size=64, num_hidden_layers=2,
                     num_attention_heads=4, intermediate_size=128, max_position_embeddings=512,
                     hidden_act=act, num_labels=9, id2label=dict(enumerate(CONLL)),
                     label2id={l: i for i, l in enumerate(CONLL)}, attn_implementation="eager")
    torch.manual_seed(seed)
    model = BertForTokenClassification(cfg).eval()
    dest.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(dest, safe_serialization=True)
    tok.save_pretrained(dest)
    for f in ("tokenizer_config.json", "special_tokens_map.json", "tokenizer.json"):
        (dest / f).unlink(missing_ok=True)
    cases = []
    for text in [EN_PARAGRAPH] + EN_SENTENCES + ARTICLE_EN.split("\n\n")[:2]:
        enc = tok(text, return_tensors="pt", return_offsets_mapping=True)
        offsets = enc.pop("offset_mapping")[0].tolist()
        probs = model(**enc).logits[0].softmax(-1)
        labels = probs.argmax(-1).tolist()
        ids = enc["input_ids"][0].tolist()
        tokens = [dict(id=i, label=CONLL[l], score=float(probs[n, l]), offsets=o)
                  for n, (i, l, o) in enumerate(zip(ids, labels, offsets))
                  if i not in (tok.cls_token_id, tok.sep_token_id)]
        cases.append(dict(input=text, tokens=tokens))
    write_expected(dest, "bert-token-classification", act, {}, cases)


def sub_dir(tmp, name):
    d = tmp / name
    d.mkdir(exist_ok=True)
    return d


def main():
    if sys.argv[1:] == ["--long-only"]:
        # Adds the long cases to the committed fixtures without rebuilding them (tokenizer
        # training is not deterministic, so a full run rewrites every fixture).
        for base in (OUT, OUT / "relu"):
            add_long_cases(base / "opus-mt-en-ru", EN_SENTENCES[:2])
            add_long_cases(base / "opus-mt-ru-en", RU_SENTENCES[:2])
        print("long cases added in", OUT)
        return
    sets = [("", {"marian": "swish", "bart": "gelu", "bert": "gelu"}),
            ("relu", {"marian": "relu", "bart": "relu", "bert": "relu"})]
    for sub, acts in sets:
        base = OUT / sub if sub else OUT
        with tempfile.TemporaryDirectory() as t:
            tmp = Path(t)
            vocab = marian_tokenizers(tmp)
            marian_fixture(vocab, tmp, "en", "ru", acts["marian"], base / "opus-mt-en-ru",
                           EN_SENTENCES + [EN_PARAGRAPH], seed=1)
            marian_fixture(vocab, tmp, "ru", "en", acts["marian"], base / "opus-mt-ru-en",
                           RU_SENTENCES + [RU_PARAGRAPH], seed=2)
            bart_fixture(sub_dir(tmp, "bart"), acts["bart"], base / "distilbart-cnn-12-6", seed=3)
            bert_fixture(sub_dir(tmp, "bert"), acts["bert"], base / "bert-base-NER", seed=4)
    print("fixtures written to", OUT)


if __name__ == "__main__":
    main()
