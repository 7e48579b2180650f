#!/usr/bin/env bash
# Assemble a trimmed CPU libtorch 2.4.0 (what tch 0.17 / rust-bert 0.23 expects) from PyPI wheels
# into third_party/libtorch. pytorch.org is not reachable from our build machines; PyPI is.
# Idempotent: does nothing when the expected files are already in place.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/third_party/libtorch"
cache="${SVODKA_WHEEL_CACHE:-$root/third_party/.wheels}"
version="2.4.0"
libs=(libc10.so libtorch_cpu.so libtorch.so libgomp-a34b3233.so.1 libcudart.so.12 libcupti.so.12)

complete() {
  [ "$(cat "$dest/build-version" 2>/dev/null)" = "${version}+cu121" ] || return 1
  [ -f "$dest/include/torch/csrc/api/include/torch/torch.h" ] || return 1
  for l in "${libs[@]}"; do [ -s "$dest/lib/$l" ] || return 1; done
}

if complete; then
  echo "libtorch ${version}: already in $dest"
  exit 0
fi

mkdir -p "$cache"
echo "libtorch ${version}: downloading wheels from PyPI into $cache (about 800 MB, once)"
python3 -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.11 \
  --platform manylinux1_x86_64 --dest "$cache" \
  "torch==${version}" nvidia-cuda-runtime-cu12==12.1.105 nvidia-cuda-cupti-cu12==12.1.105

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
rm -rf "$dest"
mkdir -p "$dest/lib" "$dest/include"

torch_whl="$(ls "$cache"/torch-${version}-*.whl | head -n1)"
python3 - "$torch_whl" "$cache" "$tmp" <<'PY'
import sys, zipfile, glob, os
torch_whl, cache, tmp = sys.argv[1:4]
want = {"libc10.so", "libtorch_cpu.so", "libtorch.so", "libgomp-a34b3233.so.1", "libcudart.so.12", "libcupti.so.12"}
with zipfile.ZipFile(torch_whl) as z:
    for n in z.namelist():
        if n.startswith("torch/include/") or (n.startswith("torch/lib/") and os.path.basename(n) in want):
            z.extract(n, tmp)
for pat in ("nvidia_cuda_runtime_cu12-*.whl", "nvidia_cuda_cupti_cu12-*.whl"):
    with zipfile.ZipFile(glob.glob(os.path.join(cache, pat))[0]) as z:
        for n in z.namelist():
            if os.path.basename(n) in want:
                z.extract(n, tmp)
PY
cp -r "$tmp/torch/include/." "$dest/include/"
cp "$tmp"/torch/lib/*.so* "$dest/lib/"
find "$tmp/nvidia" -name 'libcu*.so.12' -exec cp {} "$dest/lib/" \;
echo "${version}+cu121" > "$dest/build-version"

if ! complete; then
  echo "libtorch ${version}: assembly incomplete in $dest; files present:" >&2
  ls -la "$dest/lib" >&2
  exit 1
fi
# The wheels are not needed once assembled; SVODKA_WHEEL_CACHE keeps them for re-runs.
[ -z "${SVODKA_WHEEL_CACHE:-}" ] && rm -rf "$cache"
echo "libtorch ${version}: ready in $dest ($(du -sh "$dest" | cut -f1))"
