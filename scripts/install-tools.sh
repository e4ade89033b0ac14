#!/usr/bin/env bash
# Installs, only when missing, every tool Faro needs to build, run and test on a
# Debian 12 machine with rustup Rust and access to the package registries only.
# Safe to run again: each step checks first. Versions are pinned where a tool
# must match the workspace (wasm-bindgen) or the toolchain (cargo-leptos).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CARGO_LEPTOS_VERSION="0.3.10"
WASM_BINDGEN_VERSION="0.2.130"   # must equal wasm-bindgen in Cargo.lock
OHA_VERSION="1.16.0"

log() { printf '\033[1;34m[faro-setup]\033[0m %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install_missing() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "apt: installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

install_system_packages() {
  # chromium: browser tests and the login benchmark; postgresql: the second
  # database of the integration suite; brotli/gzip: wasm size figures.
  apt_install_missing "$@"
}

install_wasm_target() {
  if ! rustup target list --installed | grep -q '^wasm32-unknown-unknown$'; then
    log "rustup: adding wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
}

install_cargo_leptos() {
  if cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then return; fi
  # no_downloads: cargo-leptos must not fetch wasm-bindgen/wasm-opt/sass from
  # the web at run time (no web access here); they come from PATH instead.
  log "cargo: installing cargo-leptos $CARGO_LEPTOS_VERSION (about 17 min on 2 cores)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
}

install_wasm_bindgen_cli() {
  if wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then return; fi
  log "cargo: installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Its published lock pins webpki-roots 1.0.11, which the registry no longer
  # serves: build from the unpacked crate with that one dependency moved back.
  local work
  work="$(mktemp -d)"
  mkdir -p "$work/fetch/src"
  cat > "$work/fetch/Cargo.toml" <<TOML
[package]
name = "fetch-wasm-bindgen-cli"
version = "0.0.0"
edition = "2021"
[dependencies]
wasm-bindgen-cli = "=$WASM_BINDGEN_VERSION"
TOML
  touch "$work/fetch/src/lib.rs"
  (cd "$work/fetch" && cargo fetch -q)
  local crate
  crate="$(find "${CARGO_HOME:-$HOME/.cargo}/registry/cache" -name "wasm-bindgen-cli-$WASM_BINDGEN_VERSION.crate" | head -n1)"
  tar -xzf "$crate" -C "$work"
  (cd "$work/wasm-bindgen-cli-$WASM_BINDGEN_VERSION" \
    && cargo update -q -p webpki-roots --precise 1.0.10 \
    && cargo install --path . --locked)
  rm -rf "$work"
}

install_oha() {
  # The HTTP load generator of the benchmark.
  if oha --version 2>/dev/null | grep -q "$OHA_VERSION"; then return; fi
  log "cargo: installing oha $OHA_VERSION (several minutes)"
  cargo install oha --version "$OHA_VERSION" --locked
}

install_node_packages() {
  # Playwright (driving Debian's chromium), binaryen's wasm-opt (Debian's is
  # too old and breaks the release wasm).
  if [ ! -x "$ROOT/end2end/node_modules/.bin/wasm-opt" ] || [ ! -d "$ROOT/end2end/node_modules/@playwright/test" ] \
     || [ "$ROOT/end2end/package-lock.json" -nt "$ROOT/end2end/node_modules/.package-lock.json" ]; then
    log "npm: installing end2end packages"
    (cd "$ROOT/end2end" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
}

main() {
  local what="${1:-all}"
  case "$what" in
    run)   ;;
    test)  install_system_packages chromium postgresql ;;
    bench) install_system_packages chromium postgresql brotli ;;
    all)   install_system_packages chromium postgresql brotli ;;
    *) echo "usage: $0 [run|test|bench|all]" >&2; exit 2 ;;
  esac
  install_wasm_target
  install_node_packages
  install_wasm_bindgen_cli
  install_cargo_leptos
  if [ "$what" = bench ] || [ "$what" = all ]; then
    install_oha
  fi
}

main "$@"
