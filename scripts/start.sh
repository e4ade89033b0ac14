#!/usr/bin/env bash
# Installs whatever is missing, builds Faro for release and starts it on
# SQLite (data/faro.db) at http://127.0.0.1:3000. The first start on an empty
# database creates the demo users; their password is printed in the log.
# Extra arguments go to `faro serve` (e.g. --bind 0.0.0.0:3000, --no-demo).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

step "Herramientas"
bash scripts/install-tools.sh run

step "Compilando Faro (release)"
cargo leptos build --release

TARGET="$(target_dir)"
step "Iniciando Faro en http://127.0.0.1:3000"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-$ROOT/target/site}"
exec "$TARGET/release/faro" serve "$@"
