#!/usr/bin/env bash
# Runs a command from this checkout inside a Debian 12 VM whose CPU lacks features this machine
# has, to see what svodka does on readers' CPUs (int8's kernel check, its f32 fallback):
#
#   scripts/cpu-vm.sh max,-avx512f        target/debug/deps/int8-<hash> --nocapture   # AVX2, no AVX-512
#   scripts/cpu-vm.sh max,-avx512f,-avx2  target/release/svodka analyze --precision int8 …
#
# The first argument is a QEMU CPU model with features removed (`qemu-system-x86_64 -cpu help`).
# The VM runs under QEMU's emulator (TCG), which implements AVX2 but not AVX-512, so its CPUID is
# what such a CPU reports and fbgemm, ATen and MKL pick their kernels by it; KVM would be faster
# but hangs at boot when nested inside this project's machines. Emulation is slow (the int8 tests
# take ~1.5 minutes instead of 2 s) and its timings mean nothing. Not part of `make test`.
# The checkout is shared at the same path (binaries find libtorch and the fixtures as here);
# the root file system (~800 MB, debootstrap, once) is kept in $SVODKA_VM_DIR.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
vm="${SVODKA_VM_DIR:-$HOME/.cache/svodka-vm}"
cpu="$1"
shift

if ! command -v qemu-system-x86_64 >/dev/null || ! command -v debootstrap >/dev/null; then
  apt-get install -y -q qemu-system-x86 debootstrap >/dev/null
fi
if [ ! -f "$vm/root.img" ]; then
  mkdir -p "$vm"
  echo "cpu-vm: building the VM's Debian 12 root file system in $vm (once, a few minutes)" >&2
  debootstrap --variant=minbase --include=linux-image-amd64,kmod,procps,util-linux \
    bookworm "$vm/root" http://deb.debian.org/debian > "$vm/debootstrap.log"
  # PID 1: mount what the command needs, run it, power off.
  cat > "$vm/root/svodka-init" <<'EOF'
#!/bin/sh
export PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
mount -t tmpfs tmp /tmp
modprobe 9pnet_virtio; modprobe 9p
repo=$(sed -n 's/.*svodka_repo=\([^ ]*\).*/\1/p' /proc/cmdline); mkdir -p "$repo" /shared
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 repo "$repo"
mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000 shared /shared
cd "$repo"
sh /shared/cmd.sh > /shared/out.txt 2>&1
echo "exit $?" >> /shared/out.txt
sync
echo o > /proc/sysrq-trigger
sleep 5
EOF
  chmod +x "$vm/root/svodka-init"
  mkfs.ext4 -q -F -d "$vm/root" "$vm/root.img" 3G
fi

shared="$(mktemp -d)"
trap 'rm -rf "$shared"' EXIT
{
  echo 'lscpu | grep -E "^(Model name|Flags)"'
  printf '%q ' "$@"
  echo
} > "$shared/cmd.sh"
qemu-system-x86_64 -accel tcg -cpu "$cpu" -smp 2 -m 8G \
  -kernel "$(ls "$vm"/root/boot/vmlinuz-* | head -n1)" \
  -initrd "$(ls "$vm"/root/boot/initrd.img-* | head -n1)" \
  -append "root=/dev/vda rw console=ttyS0 init=/svodka-init svodka_repo=$repo quiet" \
  -drive "file=$vm/root.img,format=raw,if=virtio" \
  -virtfs "local,path=$repo,mount_tag=repo,security_model=none" \
  -virtfs "local,path=$shared,mount_tag=shared,security_model=none" \
  -nographic -no-reboot > "$shared/console.txt" 2>&1 || true
if [ ! -f "$shared/out.txt" ]; then
  echo "the VM did not run the command; its console:" >&2
  tail -n 30 "$shared/console.txt" >&2
  exit 1
fi
cat "$shared/out.txt"
tail -n1 "$shared/out.txt" | grep -q '^exit 0$'
