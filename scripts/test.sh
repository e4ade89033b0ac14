#!/usr/bin/env bash
# Installs whatever is missing and runs every test: formatting, lints (server
# and the wasm app), unit and integration tests on SQLite and on a real
# PostgreSQL, then the browser tests in headless Chromium.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

step "Herramientas"
bash scripts/install-tools.sh test

step "Formato (cargo fmt --check)"
cargo fmt --all --check

step "Clippy: servidor, migraciones y app (ssr)"
cargo clippy -p server -p migrations --all-targets -- -D warnings
cargo clippy -p app --features ssr --all-targets -- -D warnings

step "Clippy: app en wasm32 (hydrate)"
cargo clippy -p app --features hydrate --target wasm32-unknown-unknown -- -D warnings

step "PostgreSQL para las pruebas"
FARO_TEST_POSTGRES_URL="$(bash scripts/test-postgres.sh)"
export FARO_TEST_POSTGRES_URL
echo "$FARO_TEST_POSTGRES_URL"

step "Pruebas unitarias y de integración (SQLite y PostgreSQL)"
cargo leptos test

step "Compilando la app para el navegador"
cargo leptos build

step "Pruebas en el navegador (Chromium sin interfaz)"
TARGET="$(target_dir)"
export FARO_E2E_BINARY="$TARGET/debug/faro"
export LEPTOS_SITE_ROOT="$ROOT/target/site"
(cd end2end && npx playwright test)

step "Todas las pruebas pasaron"
