"""The cross-system benchmark: every workload in svodka, transformers and (for translation)
CTranslate2 int8 and float32, each in its own process — cold start (spawn to first result),
median of RUNS timed runs after a warm-up, generated tokens, peak RSS — plus this machine's fp32
floor per workload; then svodka int8's cold start with and without its int8 cache. Writes
docs/bench/results.json, docs/bench/systems.png and the tables between the markers in
docs/BENCHMARKS.md.

Usage: run.py MODELS_DIR CT2_DIR WORKLOADS.json SVODKA_BIN RUNS
With BENCH_ONLY="transformers:analyze,svodka:ner" only those are measured again and merged into
the existing docs/bench/results.json ("svodka-int8:cold-start" names the cold-start table).
"""
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from transformers import BartTokenizer, BertTokenizerFast, MarianTokenizer

import floor

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORKLOADS = ["summarise-greedy", "summarise-beam4", "translate-en-ru", "translate-ru-en", "ner",
             "analyze"]


def measure(cmd, label):
    """Runs one workload process; returns its summary line with the cold start added."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    cold, summary, sentences = None, None, None
    for line in proc.stdout:
        line = line.strip()
        if not line.startswith("{"):
            continue
        record = json.loads(line)
        if record.get("run") == 0 and cold is None:
            cold = (time.perf_counter() - started) * 1000
        if "system" in record:
            summary = record
        if "summary_sentences" in record:
            sentences = record["summary_sentences"]
    if proc.wait() != 0 or summary is None:
        raise SystemExit(f"{label} failed: {' '.join(map(str, cmd))}")
    summary["cold_start_ms"] = cold
    if sentences:
        summary["summary_sentences"] = sentences
    ms_per_token = summary["median_ms"] / summary["generated_tokens"] if summary["generated_tokens"] else None
    summary["ms_per_token"] = ms_per_token
    print(f"{summary['system']:>20} {summary['workload']:<17} median {summary['median_ms'] / 1000:7.2f} s"
          f"  cold {cold / 1000:6.1f} s  rss {summary['peak_rss_mib']:>5} MiB"
          + (f"  {ms_per_token:.2f} ms/token" if ms_per_token else ""), flush=True)
    return summary


def clear_int8_caches(models):
    """Removes the int8 caches svodka keeps beside each model, so the next launch quantises."""
    for cache in Path(models).glob("*/svodka-int8-*.safetensors"):
        cache.unlink()


def cold_starts(svodka, models, workloads, launches=5):
    """svodka int8's analyze from spawn to first result (loading included), each launch against
    its own second analyze (warm, in the same process, so the machine's drift over minutes does
    not enter the ratio): a first launch with no int8 cache (the models quantise and the caches
    are written), then `launches` more that read the caches."""
    cmd = [svodka, "bench", "--models", models, "--workload", "analyze", "--input", workloads,
           "--runs", "1", "--precision", "int8"]

    def launch(label):
        r = measure(cmd, label)
        return {"cold_ms": r["cold_start_ms"], "warm_ms": r["median_ms"],
                "ratio": r["cold_start_ms"] / r["median_ms"], "peak_rss_mib": r["peak_rss_mib"]}

    clear_int8_caches(models)
    first = launch("svodka-int8 analyze, first launch")
    cached = [launch("svodka-int8 analyze, cached") for _ in range(launches)]
    caches = sorted(Path(models).glob("*/svodka-int8-*.safetensors"))
    median = lambda key: sorted(c[key] for c in cached)[len(cached) // 2]
    return {
        "first": first,
        "cached": cached,
        "cached_median": {k: median(k) for k in ("cold_ms", "warm_ms", "ratio", "peak_rss_mib")},
        "cache_mib": {c.parent.name: round(c.stat().st_size / 2**20) for c in caches},
    }


def cold_table(cold):
    first, cached = cold["first"], cold["cached_median"]
    rows = ["| svodka int8, analyze | time to first result (cold) | second analyze (warm) | cold ÷ warm | peak RSS |",
            "|---|---|---|---|---|"]
    for label, r in (("first launch (quantises, writes the caches)", first),
                     (f"cached (median of {len(cold['cached'])} launches)", cached)):
        rows.append(f"| {label} | {r['cold_ms'] / 1000:.1f} s | {r['warm_ms'] / 1000:.1f} s | "
                    f"{r['ratio']:.2f} | {r['peak_rss_mib']:,} MiB |")
    rows.append("")
    rows.append("Cached launches, cold ÷ warm: " + ", ".join(f"{c['ratio']:.2f}" for c in cold["cached"])
                + ". int8 caches: " + ", ".join(f"{m} {mib:,} MiB" for m, mib in cold["cache_mib"].items()) + ".")
    return "\n".join(rows)


def replace_between(body, name, text):
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    if start in body and end in body:
        body = body[:body.index(start) + len(start)] + "\n" + text + "\n" + body[body.index(end):]
    return body


def token_counts(models, spec, results):
    bart = BartTokenizer.from_pretrained(Path(models) / "distilbart-cnn-12-6")
    counts = {"summarise": len(bart(spec["summarise_text"])["input_ids"])}
    for pair, key in (("en-ru", "sentences_en"), ("ru-en", "sentences_ru")):
        tok = MarianTokenizer.from_pretrained(Path(models) / f"opus-mt-{pair}")
        counts[f"translate-{pair}"] = [len(tok(s)["input_ids"]) for s in spec[key]]
    bert = BertTokenizerFast(str(Path(models) / "bert-base-NER" / "vocab.txt"), do_lower_case=False)
    counts["ner"] = len(bert(spec["article"])["input_ids"])
    # The whole analyze as svodka ran it: its English summary's sentences are what it translated.
    analysed = next((r for r in results if r["system"] == "svodka" and r["workload"] == "analyze"
                     and r.get("summary_sentences")), None)
    if analysed:
        sentences = analysed["summary_sentences"]
        en_ru = MarianTokenizer.from_pretrained(Path(models) / "opus-mt-en-ru")
        counts["analyze"] = {
            "article": len(bart(spec["article"])["input_ids"]),
            "sentences": [len(en_ru(s)["input_ids"]) for s in sentences],
            "ner": [counts["ner"], len(bert(" ".join(sentences))["input_ids"])],
        }
    return counts


# svodka-int8 is `svodka bench --precision int8`: the same models with int8 linear layers.
SYSTEMS = ["svodka", "svodka-int8", "transformers", "ctranslate2-int8", "ctranslate2-float32"]


def table(results, floors, machine):
    rows = ["| workload | system | median | per token | cold start | peak RSS | svodka ÷ this | svodka int8 ÷ this | fp32 floor |",
            "|---|---|---|---|---|---|---|---|---|"]
    for w in WORKLOADS:
        by = {r["system"]: r for r in results if r["workload"] == w}
        base, base8 = by.get("svodka"), by.get("svodka-int8")
        for s in SYSTEMS:
            r = by.get(s)
            if not r:
                continue
            per_token = f"{r['ms_per_token']:.2f} ms" if r["ms_per_token"] else "–"
            ratio = "" if s.startswith("svodka") or not base else f"{base['median_ms'] / r['median_ms']:.2f}"
            ratio8 = "" if s.startswith("svodka") or not base8 else f"{base8['median_ms'] / r['median_ms']:.2f}"
            fl = f"{floors[w]:.1f} s" if s == "svodka" and w in floors else ""
            rows.append(f"| {w} | {s} | {r['median_ms'] / 1000:.2f} s | {per_token} | "
                        f"{r['cold_start_ms'] / 1000:.1f} s | {r['peak_rss_mib']:,} MiB | {ratio} | {ratio8} | {fl} |")
    rows.append("")
    rows.append(f"Machine: {machine['threads']} threads, fp32 GEMM {machine['gemm_gflops']:.0f} GFLOP/s, "
                f"memory bandwidth {machine['bandwidth_gbs']:.1f} GB/s ({platform.processor() or platform.machine()}).")
    return "\n".join(rows)


def plot(results, out):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    colours = ["#0072B2", "#56B4E9", "#E69F00", "#009E73", "#CC79A7"]
    fig, ax = plt.subplots(figsize=(11, 4.5))
    width = 0.16
    for i, (s, c) in enumerate(zip(SYSTEMS, colours)):
        xs, ys = [], []
        for j, w in enumerate(WORKLOADS):
            r = next((r for r in results if r["system"] == s and r["workload"] == w), None)
            if r:
                xs.append(j + (i - 2) * width)
                ys.append(r["median_ms"] / 1000)
        ax.bar(xs, ys, width, label=s, color=c)
    ax.set_xticks(range(len(WORKLOADS)), WORKLOADS)
    ax.set_ylabel("median seconds (lower is better)")
    ax.set_title("svodka vs transformers vs CTranslate2 — real-size random-weight models, 2 threads")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def main(models, ct2_dir, workloads, svodka, runs):
    py = sys.executable
    spec = json.loads(Path(workloads).read_text(encoding="utf-8"))
    out = REPO / "docs" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    only = {tuple(x.split(":", 1)) for x in os.environ.get("BENCH_ONLY", "").split(",") if ":" in x}
    cold = None
    if only:
        previous = json.loads((out / "results.json").read_text())
        machine = previous["machine"]
        results = [r for r in previous["results"] if (r["system"], r["workload"]) not in only]
        cold = previous.get("cold_start")
    else:
        machine = json.loads(subprocess.check_output([py, str(HERE / "machine.py")], text=True))
        results = []
    print(f"machine: {machine}", flush=True)
    wanted = lambda system, w: not only or (system, w) in only

    def keep(result):
        # Saved after every measurement: a failure later keeps what was measured (BENCH_ONLY
        # then re-measures just the rest).
        results.append(result)
        (out / "results.json").write_text(json.dumps(
            {"machine": machine, "floors_s": {}, "results": results, "cold_start": cold},
            indent=1) + "\n")

    for w in WORKLOADS:
        for precision, system in (("f32", "svodka"), ("int8", "svodka-int8")):
            if wanted(system, w):
                # Every int8 row is a first launch, comparable across runs; the cold-start table
                # measures launches that find the caches.
                clear_int8_caches(models)
                keep(measure([svodka, "bench", "--models", models, "--workload", w, "--input",
                              workloads, "--runs", runs, "--precision", precision], f"{system} {w}"))
        if wanted("transformers", w):
            keep(measure([py, str(HERE / "hf.py"), models, w, workloads, runs], f"hf {w}"))
        if w.startswith("translate-"):
            for q in ("int8", "float32"):
                if wanted(f"ctranslate2-{q}", w):
                    keep(measure([py, str(HERE / "ct2.py"), models, ct2_dir, w, q, workloads,
                                  runs], f"ct2 {q} {w}"))
    if wanted("svodka-int8", "cold-start"):
        cold = cold_starts(svodka, models, workloads)
    order = {w: i for i, w in enumerate(WORKLOADS)}
    results.sort(key=lambda r: order[r["workload"]])
    floors = floor.floors(models, spec, machine, token_counts(models, spec, results))
    (out / "results.json").write_text(json.dumps(
        {"machine": machine, "floors_s": floors, "results": results, "cold_start": cold},
        indent=1) + "\n")
    plot(results, out / "systems.png")
    text = table(results, floors, machine)
    doc = REPO / "docs" / "BENCHMARKS.md"
    body = replace_between(doc.read_text(encoding="utf-8"), "table", text)
    if cold:
        body = replace_between(body, "cold", cold_table(cold))
        print(cold_table(cold))
    doc.write_text(body, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main(*sys.argv[1:6])
