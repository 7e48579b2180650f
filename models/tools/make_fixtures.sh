#!/usr/bin/env bash
# Regenerate models/fixtures with pinned HF transformers in a throwaway venv (not run by CI:
# ~5 GB of wheels). Usage: models/tools/make_fixtures.sh [venv-dir [--long-only]]
# (--long-only adds the long Marian generations to the committed fixtures, rebuilding nothing)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${1:-${TMPDIR:-/tmp}/svodka-fixture-venv}"
if [ $# -gt 0 ]; then shift; fi
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet torch==2.4.0 transformers==4.46.3 sentencepiece==0.2.0 \
    tokenizers==0.20.3 safetensors numpy==1.26.4 protobuf
fi
"$venv/bin/python" "$here/make_fixtures.py" "$@"
[ "${1:-}" = "--long-only" ] || "$venv/bin/python" "$here/make_pipeline_fixtures.py"
