#!/usr/bin/env bash
# Faro's benchmarks, on a release build:
#   1. size of the browser bundle (wasm, JS, CSS) raw / gzip -9 / brotli -q 11;
#   2. time from login to the first interactive page in headless Chromium
#      (plain CPU and 4× slower, as a mid-range tablet);
#   3. requests/s and p99 latency of an authenticated GET /api/v1/me on
#      loopback (oha, 10 s, 16 connections), on SQLite and on PostgreSQL;
#   4. a 100k-row base import and 50 agents claiming customers at once;
#   5. from "Siguiente cliente" to the call guide being interactive
#      (Chromium, plain CPU and 4× slower);
#   6. the guide's autosave and close latency (p50/p99) with 50 agents on
#      calls at once, on SQLite and on PostgreSQL;
#   7. the offer selector over a 5 000-offer catalog, natively and in the
#      browser (wasm, plain CPU and 4× slower);
#   8. the visit agenda under contention: 50 agents booking at once, on
#      SQLite and on PostgreSQL.
# Results are printed and written to target/bench/results.json.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DURATION="${FARO_BENCH_DURATION:-10s}"
CONNECTIONS="${FARO_BENCH_CONNECTIONS:-16}"
RUNS="${FARO_BENCH_BROWSER_RUNS:-10}"
PORT=3200

step "Herramientas (incluye oha)"
bash scripts/install-tools.sh bench

step "Compilando Faro (release)"
cargo leptos build --release
TARGET="$(target_dir)"
BIN="$TARGET/release/faro"
OUT="$TARGET/bench"
mkdir -p "$OUT"
export LEPTOS_SITE_ROOT="$ROOT/target/site"

step "1. Tamaño del paquete del navegador"
sizes="{"
for file in target/site/pkg/faro.wasm target/site/pkg/faro.js target/site/pkg/faro.css; do
  raw=$(stat -c %s "$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  br=$(brotli -q 11 -c "$file" | wc -c)
  printf '%-28s raw %8d B   gzip %8d B   brotli %8d B\n' "$(basename "$file")" "$raw" "$gz" "$br"
  sizes+="\"$(basename "$file")\": {\"raw\": $raw, \"gzip\": $gz, \"brotli\": $br},"
done
sizes="${sizes%,}}"

SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  SERVER_PID=""
}
trap stop_server EXIT

start_server() {
  local url="$1"
  FARO_LOG=warn "$BIN" serve --bind "127.0.0.1:$PORT" --database-url "$url" >"$OUT/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "the server did not start; see $OUT/server.log" >&2
  return 1
}

# Signs in as asesor1 and prints the session cookie.
session_cookie() {
  local jar="$OUT/cookies.txt"
  rm -f "$jar"
  local csrf
  csrf=$(curl -fsS -c "$jar" "http://127.0.0.1:$PORT/api/v1/auth/csrf" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
  curl -fsS -b "$jar" -c "$jar" -H 'content-type: application/json' -H "x-csrf-token: $csrf" \
    -d '{"login":"asesor1","password":"Faro.Demo.2026"}' "http://127.0.0.1:$PORT/api/v1/auth/login" >/dev/null
  awk '$6 == "faro_session" { print $7 }' "$jar"
}

# Loads GET /api/v1/me and prints {"requests_per_sec", "p99_ms", "success_rate"}.
load_me() {
  local cookie="$1" label="$2"
  oha -z "$DURATION" -c "$CONNECTIONS" --no-tui --output-format json --disable-compression \
    -H "Cookie: faro_session=$cookie" "http://127.0.0.1:$PORT/api/v1/me" >"$OUT/oha-$label.json"
  python3 - "$OUT/oha-$label.json" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
codes = data.get("statusCodeDistribution", {})
print(json.dumps({
    "requests_per_sec": round(data["summary"]["requestsPerSec"], 1),
    "p50_ms": round(data["latencyPercentiles"]["p50"] * 1000, 2),
    "p99_ms": round(data["latencyPercentiles"]["p99"] * 1000, 2),
    "success_rate": data["summary"]["successRate"],
    "status_codes": codes,
}))
PY
}

DATA="$(mktemp -d)"
step "2. Del ingreso a la primera página interactiva (Chromium)"
start_server "sqlite://$DATA/bench.db?mode=rwc"
browser=$(cd end2end && node bench/login-to-interactive.js "http://127.0.0.1:$PORT" "$RUNS")
echo "$browser"

step "5. De «Siguiente cliente» a la guía interactiva (Chromium)"
guide_browser=$(cd end2end && node bench/next-to-guide.js "http://127.0.0.1:$PORT" "$RUNS")
echo "$guide_browser"

step "7. Selector de ofertas con 5.000 ofertas (nativo y en el navegador)"
cargo build --release -p server --example selector_bench
selector_native=$("$TARGET/release/examples/selector_bench" 5000 --csv "$OUT/ofertas-5000.csv")
echo "$selector_native"
selector_browser=$(cd end2end && node bench/selector.js "http://127.0.0.1:$PORT" "$OUT/ofertas-5000.csv" "$RUNS")
echo "$selector_browser"

step "3a. GET /api/v1/me autenticado, SQLite ($DURATION, $CONNECTIONS conexiones)"
me_sqlite=$(load_me "$(session_cookie)" sqlite)
echo "$me_sqlite"
stop_server

step "3b. GET /api/v1/me autenticado, PostgreSQL ($DURATION, $CONNECTIONS conexiones)"
PG_ADMIN="$(bash scripts/test-postgres.sh)"
PG_DB="faro_bench_$$"
psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $PG_DB" -qc "CREATE DATABASE $PG_DB" >/dev/null
start_server "${PG_ADMIN%/*}/$PG_DB"
me_postgres=$(load_me "$(session_cookie)" postgres)
echo "$me_postgres"
stop_server
psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $PG_DB" >/dev/null

step "4. Importación de 100.000 registros y 50 asesores pidiendo clientes a la vez"
cargo build --release -p server --example queue_bench
QUEUE_SECONDS="${FARO_BENCH_QUEUE_SECONDS:-10}"
queue_sqlite=$("$TARGET/release/examples/queue_bench" "sqlite://$DATA/queue.db?mode=rwc" "$QUEUE_SECONDS")
echo "$queue_sqlite"
psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $PG_DB" -qc "CREATE DATABASE $PG_DB" >/dev/null
queue_postgres=$("$TARGET/release/examples/queue_bench" "${PG_ADMIN%/*}/$PG_DB" "$QUEUE_SECONDS")
echo "$queue_postgres"
psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $PG_DB" >/dev/null

step "6. Guardado automático y cierre de la guía, 50 asesores en llamada a la vez"
cargo build --release -p server --example guide_bench
GUIDE_SECONDS="${FARO_BENCH_GUIDE_SECONDS:-10}"
guide_sqlite=$("$TARGET/release/examples/guide_bench" "sqlite://$DATA/guide.db?mode=rwc" "$GUIDE_SECONDS")
echo "$guide_sqlite"
psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $PG_DB" -qc "CREATE DATABASE $PG_DB" >/dev/null
guide_postgres=$("$TARGET/release/examples/guide_bench" "${PG_ADMIN%/*}/$PG_DB" "$GUIDE_SECONDS")
echo "$guide_postgres"
psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $PG_DB" >/dev/null

step "8. Agenda de visitas: 50 asesores agendando a la vez"
cargo build --release -p server --example booking_bench
BOOKING_SECONDS="${FARO_BENCH_BOOKING_SECONDS:-10}"
booking_sqlite=$("$TARGET/release/examples/booking_bench" "sqlite://$DATA/agenda.db?mode=rwc" "$BOOKING_SECONDS")
echo "$booking_sqlite"
psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $PG_DB" -qc "CREATE DATABASE $PG_DB" >/dev/null
booking_postgres=$("$TARGET/release/examples/booking_bench" "${PG_ADMIN%/*}/$PG_DB" "$BOOKING_SECONDS")
echo "$booking_postgres"
psql "$PG_ADMIN" -qc "DROP DATABASE IF EXISTS $PG_DB" >/dev/null
rm -rf "$DATA"

cat >"$OUT/results.json" <<JSON
{
  "machine": {"cores": $(nproc), "kernel": "$(uname -r)"},
  "bundle_bytes": $sizes,
  "browser": $browser,
  "guide_browser": $guide_browser,
  "get_me_sqlite": $me_sqlite,
  "get_me_postgres": $me_postgres,
  "queue_sqlite": $queue_sqlite,
  "queue_postgres": $queue_postgres,
  "guide_sqlite": $guide_sqlite,
  "guide_postgres": $guide_postgres,
  "selector_native": $selector_native,
  "selector_browser": $selector_browser,
  "booking_sqlite": $booking_sqlite,
  "booking_postgres": $booking_postgres
}
JSON
step "Resultados en $OUT/results.json"
cat "$OUT/results.json"
