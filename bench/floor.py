"""The fastest each workload could possibly run in fp32 on this machine: for every model call,
max(FLOPs / GEMM throughput, bytes of weights read / memory bandwidth), summed. Decoding one
token reads the whole decoder and output projection once per step (they do not fit in cache),
so small batches are bound by memory; the encoder is bound by arithmetic. Attention is counted,
layer norms and softmax are not (they are a few per cent)."""
import json
from pathlib import Path


def cfg(models, name):
    return json.loads((Path(models) / name / "config.json").read_text())


def seq2seq_params(c):
    d, f = c["d_model"], c["encoder_ffn_dim"]
    enc = c["encoder_layers"] * (4 * d * d + 2 * d * f)
    dec = c["decoder_layers"] * (8 * d * d + 2 * d * c["decoder_ffn_dim"])
    head = d * c["vocab_size"]
    return d, enc, dec, head


def seq2seq_floor(c, machine, sources, steps, width):
    """`sources`: source lengths of the sequences in one call; `width` = beams × batch."""
    d, enc, dec, head = seq2seq_params(c)
    flops_rate = machine["gemm_gflops"] * 1e9
    bw = machine["bandwidth_gbs"] * 1e9
    layers = c["decoder_layers"]
    n_total = sum(sources)
    encoder = (2 * n_total * enc + 4 * sum(n * n for n in sources) * d * c["encoder_layers"]
               + 2 * n_total * 2 * d * d * layers) / flops_rate  # + cross-attention K/V, once
    n_mean = n_total / len(sources)
    decode = 0.0
    for t in range(1, steps + 1):
        flops = 2 * width * (dec + head) + 4 * width * (n_mean + t) * d * layers
        decode += max(flops / flops_rate, 4 * (dec + head) / bw)
    return encoder + decode


def bert_floor(c, machine, tokens):
    d, f, layers = c["hidden_size"], c["intermediate_size"], c["num_hidden_layers"]
    params = layers * (4 * d * d + 2 * d * f)
    flops = 2 * tokens * params + 4 * tokens * tokens * d * layers
    return max(flops / (machine["gemm_gflops"] * 1e9), 4 * params / (machine["bandwidth_gbs"] * 1e9))


def floors(models, spec, machine, counts):
    """Seconds per workload; `counts` holds token counts measured with each model's tokenizer."""
    bart = cfg(models, "distilbart-cnn-12-6")
    out = {}
    steps = spec["summary_tokens"] - 1
    for name, beams in (("summarise-greedy", 1), ("summarise-beam4", 4)):
        out[name] = seq2seq_floor(bart, machine, [counts["summarise"]], steps, beams)
    for pair in ("en-ru", "ru-en"):
        c = cfg(models, f"opus-mt-{pair}")
        lengths = counts[f"translate-{pair}"]
        total = 0.0
        for i in range(0, len(lengths), 8):
            batch = lengths[i:i + 8]
            total += seq2seq_floor(c, machine, batch, spec["translation_tokens"] - 1, len(batch))
        out[f"translate-{pair}"] = total
    out["ner"] = bert_floor(cfg(models, "bert-base-NER"), machine, counts["ner"])
    if "analyze" in counts:
        out["analyze"] = analyze_floor(models, machine, counts["analyze"], bart)
    return out


def analyze_floor(models, machine, a, bart):
    """svodka's English route on the sample article, with the shapes its run had: summarise the
    article (one window, 4 beams, 141 steps — random weights never stop early), translate the
    summary's sentences in batches of 8 with 4 beams up to twice the batch's longest source + 16
    tokens, tag the article and the English summary with BERT (slovnet's Russian tagging is a
    few milliseconds and not counted)."""
    total = seq2seq_floor(bart, machine, [a["article"]], 141, 4)
    marian = cfg(models, "opus-mt-en-ru")
    for i in range(0, len(a["sentences"]), 8):
        batch = a["sentences"][i:i + 8]
        steps = min(512, 2 * max(batch) + 16) - 1
        total += seq2seq_floor(marian, machine, batch, steps, 4 * len(batch))
    bert = cfg(models, "bert-base-NER")
    total += sum(bert_floor(bert, machine, n) for n in a["ner"])
    return total
