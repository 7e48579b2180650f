#!/usr/bin/env bash
# tauri-driver (the WebDriver bridge for real-window tests) into ~/.cargo/bin, once (~40 s).
# WebKitWebDriver itself comes from Debian's webkit2gtk-driver (scripts/setup-system.sh).
set -euo pipefail
version="2.1.0"
if command -v tauri-driver >/dev/null 2>&1 || [ -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "tauri-driver: present"
  exit 0
fi
echo "tauri-driver: installing ${version} with cargo"
cargo install tauri-driver --version "${version}" --locked
