#!/usr/bin/env bash
# Debian 12 packages svodka needs to build and test. Idempotent: apt runs only when something is
# missing. Rust itself comes from rustup (https://rustup.rs), not from apt.
set -euo pipefail

packages=(build-essential pkg-config ca-certificates python3 python3-pip
  # Tauri 2 (the desktop app) on WebKitGTK 4.1
  file libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libssl-dev libayatana-appindicator3-dev libxdo-dev
  # real-window end-to-end tests: WebKitWebDriver under a virtual X server
  webkit2gtk-driver xvfb xauth)
# Node.js for the front end: the machine's own if it has one, else Debian's.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup-system: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "setup-system: apt packages present"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup-system: cargo not found. Install Rust with rustup (https://rustup.rs), then re-run." >&2
  exit 1
fi
if ! python3 -m pip --version >/dev/null 2>&1; then
  echo "setup-system: python3 has no pip; setup-libtorch.sh needs it to fetch PyPI wheels." >&2
  exit 1
fi
