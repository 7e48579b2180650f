#!/usr/bin/env bash
# Fetch slovnet's Russian news NER and its navec embeddings (MIT) from the natasha 1.6.0 wheel on
# PyPI — pinned by sha256 — into a folder svodka reads them from (default third_party/slovnet,
# which dev builds look in; SVODKA_SLOVNET=DIR tells svodka to look elsewhere). Only the two packs are kept.
# Idempotent: does nothing when both packs are in place with the expected checksums.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dest="${1:-$root/third_party/slovnet}"
cache="${SVODKA_WHEEL_CACHE:-$root/third_party/.wheels}"
wheel="natasha-1.6.0-py3-none-any.whl"
wheel_sha256="e12b130d05a0b4d2eb6442092ed5b5769a68a311c17f2095b1aa739fb8d6dc78"
# member in the wheel → sha256 of the extracted file
declare -A packs=(
  [natasha/data/model/slovnet_ner_news_v1.tar]=16c3343a6572ddf0e2b2fc1923113de15a7f5ca5bde90e780dd590418665603e
  [natasha/data/emb/navec_news_v1_1B_250K_300d_100q.tar]=f07270833d78523edc5781538d67038e95b43975e4a7ae757c693b687f9cbfca
)

sha() { sha256sum "$1" | cut -d' ' -f1; }

complete() {
  for member in "${!packs[@]}"; do
    local f="$dest/$(basename "$member")"
    [ -f "$f" ] && [ "$(sha "$f")" = "${packs[$member]}" ] || return 1
  done
}

if complete; then
  echo "slovnet: already in $dest"
  exit 0
fi

mkdir -p "$cache" "$dest"
if [ ! -f "$cache/$wheel" ] || [ "$(sha "$cache/$wheel")" != "$wheel_sha256" ]; then
  echo "slovnet: downloading $wheel from PyPI (34 MB, once)"
  rm -f "$cache/$wheel"
  python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$cache" natasha==1.6.0
fi
got="$(sha "$cache/$wheel")"
if [ "$got" != "$wheel_sha256" ]; then
  echo "slovnet: $wheel has sha256 $got, expected $wheel_sha256; not using it" >&2
  exit 1
fi

python3 - "$cache/$wheel" "$dest" "${!packs[@]}" <<'PY'
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
slovnet_ner_news_v1.tar and navec_news_v1_1B_250K_300d_100q.tar, extracted from
https://pypi.org/project/natasha/1.6.0/ ($wheel, sha256 $wheel_sha256).
Licence: MIT (natasha, slovnet, navec by Alexander Kukushkin).
TXT

if ! complete; then
  echo "slovnet: the extracted packs do not have the expected checksums" >&2
  exit 1
fi
rm -f "$cache/$wheel"
echo "slovnet: installed in $dest"
