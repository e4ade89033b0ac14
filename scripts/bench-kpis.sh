#!/usr/bin/env bash
# The KPI engine at scale, on a release build: for each size (interactions,
# default 1 000 000 and 10 000 000; FARO_KPI_BENCH_SIZES overrides), a year
# of generated facts on SQLite and on PostgreSQL, then p50/p95/p99 of the
# seven indicators for one month without filters and with a team filter,
# and plain SQL over the raw rows for comparison
# (server/examples/kpi_bench.rs). Generating 10M takes a while; the
# databases are thrown away at the end. Results are printed and written to
# target/bench/kpis.json.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SIZES="${FARO_KPI_BENCH_SIZES:-1000000 10000000}"
RUNS="${FARO_KPI_BENCH_RUNS:-20}"

step "Herramientas"
bash scripts/install-tools.sh test

step "Compilando el banco de indicadores (release)"
cargo build --release -p server --example kpi_bench
TARGET="$(target_dir)"
BENCH="$TARGET/release/examples/kpi_bench"
OUT="$TARGET/bench"
DATA="$(mktemp -d /tmp/faro-kpi-bench.XXXXXX)"
mkdir -p "$OUT"
PG_ADMIN="$(bash scripts/test-postgres.sh)"
PG_DB="faro_kpi_bench_$$"
cleanup() {
  psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1 || true
  rm -rf "$DATA"
}
trap cleanup EXIT

results=""
for size in $SIZES; do
  step "$size interacciones, SQLite"
  line=$("$BENCH" "sqlite://$DATA/kpis-$size.db?mode=rwc" "$size" "$RUNS")
  echo "$line"
  results+="$line,"
  rm -f "$DATA/kpis-$size.db"*

  step "$size interacciones, PostgreSQL"
  psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $PG_DB" -qc "CREATE DATABASE $PG_DB" >/dev/null
  line=$("$BENCH" "${PG_ADMIN%/*}/$PG_DB" "$size" "$RUNS")
  echo "$line"
  results+="$line,"
  psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $PG_DB" >/dev/null
done

printf '{"machine": {"cores": %s}, "runs": [%s]}\n' "$(nproc)" "${results%,}" >"$OUT/kpis.json"
step "Resultados en $OUT/kpis.json"
