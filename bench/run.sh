#!/usr/bin/env bash
# `make bench`: svodka against HF transformers and CTranslate2 on real-size random-weight models.
# Everything heavy lives outside the repo, in $SVODKA_BENCH_CACHE (default ~/.cache/svodka-bench):
# a Python venv with pinned torch/transformers/ctranslate2 (~5 GB of wheels, once), the models
# (~2.2 GB, built from their configs), and their CTranslate2 conversions. Takes ~30 minutes.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cache="${SVODKA_BENCH_CACHE:-$HOME/.cache/svodka-bench}"
venv="${SVODKA_BENCH_VENV:-$cache/venv}"
models="$cache/models"
ct2="$cache/ct2"
runs="${RUNS:-5}"
mkdir -p "$cache"

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import torch, transformers, ctranslate2, matplotlib" 2>/dev/null; then
  python3 -m venv "$venv"
  # ctranslate2 4.5.0: newer converters call transformers with arguments 4.46 does not take.
  "$venv/bin/pip" install --quiet torch==2.4.0 transformers==4.46.3 sentencepiece==0.2.0 \
    tokenizers==0.20.3 safetensors numpy==1.26.4 protobuf ctranslate2==4.5.0 matplotlib==3.11.2
fi
if [ ! -f "$models/opus-mt-ru-en/model.safetensors" ]; then
  (cd "$repo/models/tools" && "$venv/bin/python" make_bench_models.py "$models")
fi
for pair in en-ru ru-en; do
  for q in int8 float32; do
    if [ ! -f "$ct2/opus-mt-$pair-$q/model.bin" ]; then
      "$venv/bin/ct2-transformers-converter" --model "$models/opus-mt-$pair" \
        --output_dir "$ct2/opus-mt-$pair-$q" --quantization "$q" --force >/dev/null
    fi
  done
done
"$venv/bin/python" "$repo/bench/workloads.py" "$models" "$cache/workloads.json"
"$venv/bin/python" "$repo/bench/run.py" "$models" "$ct2" "$cache/workloads.json" \
  "$repo/target/release/svodka" "$runs"
