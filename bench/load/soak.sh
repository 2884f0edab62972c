#!/usr/bin/env bash
# Soak of Boussole: a mixed load (pages, search, sign-in, writes with files) at a bounded rate
# for a long time against one build/boussole on 127.0.0.1, on each backend, reporting errors
# (must be 0), latency percentiles and the server's memory over time (must stay flat).
#
# Usage (Debian 12, from anywhere): bash bench/load/soak.sh
# Settings (environment):
#   DURATION=600      seconds of load per backend
#   RATE=40           operations started per second (open loop; an operation is one request,
#                     or two for a write: its form page, then the POST)
#   MIX=55,30,15      % of operations that read a page, search, write (a rate limit on search
#                     per address, if any, must allow RATE x search share per second)
#   SIGN_IN_EVERY=15  one sign-in (form page + POST) every this many seconds, users in turn
#   USERS=4           accounts of the soak (signed up once, through the form)
#   WARMUP=60         seconds before the memory is compared
#   BACKENDS=sqlite   "sqlite postgres" for both
#   RESULTS=FILE      report (default bench/load/soak-YYYY-MM-DD.md; raw summaries beside it,
#                     FILE without .md, then -BACKEND.json)
# Every run is bounded (the driver stops after DURATION); the server and the throwaway
# PostgreSQL cluster are stopped and the temporary folder removed at the end, also on failure,
# Ctrl-C or SIGTERM. Exit status: 0 when every backend had 0 errors and a flat memory.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN="$ROOT/build/boussole"
DURATION=${DURATION:-600}
RATE=${RATE:-40}
SIGN_IN_EVERY=${SIGN_IN_EVERY:-15}
MIX=${MIX:-55,30,15}
USERS=${USERS:-4}
WARMUP=${WARMUP:-60}
BACKENDS=${BACKENDS:-sqlite}
# Flat: the last minute's median RSS at most this much above the first minute after warm-up.
FLAT_PERCENT=10

# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

command -v node >/dev/null || die "node is required (Debian: apt-get install nodejs)"
command -v sqlite3 >/dev/null || die "sqlite3 is required"
[ -x "$BIN" ] || die "$BIN is missing: build it first with \`cmake --build build --target boussole\`"

TMP=$(mktemp -d /tmp/boussole-soak.XXXXXX)
SERVER_PID=""
PG_STARTED=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "${DRIVER_PID:-}" ]; then kill -TERM "$DRIVER_PID" 2>/dev/null || true; wait "$DRIVER_PID" 2>/dev/null || true; fi
  stop_pid "$SERVER_PID"; SERVER_PID=""
  if [ -n "$PG_STARTED" ]; then bash "$ROOT/scripts/pg-test-cluster.sh" stop "$TMP/pg" >/dev/null 2>&1 || true; fi
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

COMMIT=$(git_commit)
BIN_BUILT=$(stat -c %y "$BIN" | cut -d. -f1)
cp "$BIN" "$TMP/boussole"
BIN="$TMP/boussole"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# The report, and beside it the raw summary of each backend (every RSS sample): FILE-BACKEND.json.
RESULTS_FILE=${RESULTS:-"$ROOT/bench/load/soak-$(date +%F).md"}

sql() {  # BACKEND URL SQL -> rows
  case "$1" in
    sqlite) sqlite3 "${2#sqlite://}" "$3" ;;
    postgres) psql -qtA "$2" -c "$3" ;;
  esac
}

declare -A SUMMARY WARN_COUNT
for backend in $BACKENDS; do
  case "$backend" in
    sqlite) url="sqlite://$TMP/soak.db" ;;
    postgres)
      if [ -z "$PG_STARTED" ]; then
        PG_STARTED=1
        bash "$ROOT/scripts/pg-test-cluster.sh" start "$TMP/pg" >&2
      fi
      admin=$(cat "$TMP/pg/postgres.url")
      psql -q "$admin" -c "DROP DATABASE IF EXISTS boussole_soak WITH (FORCE)" -c "CREATE DATABASE boussole_soak" >&2
      url="${admin%/*}/boussole_soak"
      ;;
    *) die "unknown backend '$backend' (sqlite, postgres)" ;;
  esac
  log "importing into $backend"
  for what in territories offers programmes; do
    "$BIN" --database "$url" import "$what" >>"$TMP/import-$backend.log" 2>&1 \
      || { tail -20 "$TMP/import-$backend.log" >&2; die "import $what failed on $backend"; }
  done
  if [ "$backend" = postgres ]; then psql -q "$url" -c ANALYZE >&2; fi

  log "starting boussole on $backend"
  mkdir -p "$TMP/files-$backend"
  # One loopback address stands for every visitor here: the per-address search limit (600 a
  # minute) would refuse the soak's 12 searches a second. Sign-in, sign-up and reset limits stay.
  (cd "$ROOT" && BOUSSOLE_RATE_LIMITS="${BOUSSOLE_RATE_LIMITS:-recherche=0/60}" exec "$BIN" --database "$url" \
      --files-dir "$TMP/files-$backend" serve --port 0 \
      >"$TMP/serve-$backend.out" 2>"$TMP/serve-$backend.err") &
  SERVER_PID=$!
  port=""
  for _ in $(seq 1 300); do
    port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$TMP/serve-$backend.out" | head -1)
    [ -n "$port" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$TMP/serve-$backend.err" >&2; die "boussole exited at start"; }
    sleep 0.1
  done
  [ -n "$port" ] || die "boussole did not print 'listening on' within 30 s"
  base="http://127.0.0.1:$port"

  # The people: signed up through the form, confirmed and made members of a commune here
  # (the confirmation mail and the organisation admin pages have their own tests).
  node "$ROOT/bench/load/soak.mjs" setup --base "$base" --users "$USERS" >&2
  now="2026-01-01T00:00:00Z"
  sql "$backend" "$url" "UPDATE users SET confirmed_at = '$now' WHERE email LIKE 'soak-%@example.fr'" >/dev/null
  organisation=$(sql "$backend" "$url" "INSERT INTO organisations (kind, name, territory_id, created_at)
      VALUES ('collectivite', 'Commune de Joinville (soak)', 'commune:52250', '$now') RETURNING id" | head -1)
  sql "$backend" "$url" "INSERT INTO memberships (organisation_id, user_id, role, created_at)
      SELECT $organisation, id, 'member', '$now' FROM users WHERE email LIKE 'soak-%@example.fr'" >/dev/null

  log "soak on $backend: ${DURATION}s at $RATE operations/s, a sign-in every ${SIGN_IN_EVERY}s"
  timeout --signal=TERM --kill-after=30 $((DURATION + 120)) \
    node "$ROOT/bench/load/soak.mjs" run --base "$base" --pid "$SERVER_PID" --organisation "$organisation" \
      --duration "$DURATION" --rate "$RATE" --mix "$MIX" --sign-in-every "$SIGN_IN_EVERY" --users "$USERS" --warmup "$WARMUP" \
      >"$TMP/summary-$backend.json" &
  DRIVER_PID=$!
  wait "$DRIVER_PID" || { DRIVER_PID=""; die "the soak driver failed on $backend"; }
  DRIVER_PID=""
  SUMMARY[$backend]="$TMP/summary-$backend.json"
  cp "$TMP/summary-$backend.json" "${RESULTS_FILE%.md}-$backend.json"
  stop_pid "$SERVER_PID"; SERVER_PID=""
  WARN_COUNT[$backend]=$(grep -cE '\] \[(warning|error|critical)\] ' "$TMP/serve-$backend.err" || true)
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------
verdicts=0
{
  echo "# Boussole soak — $(date '+%Y-%m-%d %H:%M %Z')"
  echo
  echo "${DURATION} s per backend on 127.0.0.1, $RATE operations started per second (open loop, at most"
  echo "64 in flight), $USERS accounts, one sign-in every $SIGN_IN_EVERY s. Mix (pages, search, writes, in %):"
  echo "$MIX. Pages: home, offer list, offers, territory search and pages, territory API, projetothèque,"
  echo "chiffres. Search: search page with a territory, search API. Writes: a request's page then a comment, 1 in 5 with a"
  echo "PDF instead; 1 in 10 writes creates a request). Errors: any status other than the expected"
  echo "200 (pages) or 303 (POST), and any connection error or timeout (30 s)."
  echo
  echo "| backend | requests | req/s | errors | skipped starts | sign-ins | writes | p50 ms | p99 ms | max ms | RSS first min after warm-up | RSS last min | growth | slope | memory |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
  for backend in $BACKENDS; do
    line=$(node -e '
      const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const flatPercent = Number(process.argv[2]);
      const r = s.rss_kb, mb = (kb) => (kb / 1024).toFixed(1) + " MB";
      const flat = r.growth_kb <= r.after_warmup_first_minute_median * flatPercent / 100;
      console.log([s.requests, s.achieved_per_s, s.errors, s.skipped, s.sign_ins, s.writes, s.p50_ms, s.p99_ms, s.max_ms,
        mb(r.after_warmup_first_minute_median), mb(r.last_minute_median), mb(r.growth_kb), (r.slope_kb_per_min / 1024).toFixed(2) + " MB/min",
        flat ? "flat" : "**growing**", (s.errors === 0 && flat) ? "ok" : "fail"].join("|"));' "${SUMMARY[$backend]}" "$FLAT_PERCENT")
    IFS='|' read -r req rps err skip sig wri p50 p99 max first last growth slope flat verdict <<<"$line"
    [ "$verdict" = ok ] || verdicts=1
    echo "| $backend | $req | $rps | $err | $skip | $sig | $wri | $p50 | $p99 | $max | $first | $last | $growth | $slope | $flat |"
  done
  echo
  echo "Memory is flat when the median RSS of the last minute is at most $FLAT_PERCENT % above the median of"
  echo "the first minute after the ${WARMUP} s warm-up; the slope is a least-squares fit over the samples after"
  echo "the warm-up (one every 5 s). Per kind of request (p50 / p99 / max ms):"
  echo
  for backend in $BACKENDS; do
    node -e '
      const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      console.log(`- ${process.argv[2]}: ` + Object.entries(s.kinds).map(([k, v]) => `${k} ${v.requests} req, ${v.p50_ms} / ${v.p99_ms} / ${v.max_ms}`).join("; "));
      if (s.errors) console.log("  errors: " + JSON.stringify(s.error_samples).slice(0, 1500));
      const samples = s.rss_kb.samples.filter((_, i) => i % 12 === 0).map(([t, kb]) => `${Math.round(t)} s ${(kb / 1024).toFixed(1)}`);
      console.log(`  RSS (MB) every minute: ${samples.join(", ")}`);' "${SUMMARY[$backend]}" "$backend"
    echo "  warnings and errors logged by the server: ${WARN_COUNT[$backend]:-0}"
  done
  echo
  echo "## Machine"
  echo
  echo "- CPUs: $(nproc) × $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "- memory: $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "- kernel: $(uname -sr); OS: Debian $(cat /etc/debian_version 2>/dev/null || echo '?')"
  echo "- load average (1, 5, 15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER"
  echo "- boussole commit: $COMMIT; binary built $BIN_BUILT"
  echo "- node $(node --version); SQLite $(sqlite3 --version | awk '{print $1}')"
  echo
  echo "The driver, the server and (for PostgreSQL) the database share the same CPUs."
} >"$TMP/report.md"
cp "$TMP/report.md" "$RESULTS_FILE"
cat "$TMP/report.md"
log "written to $RESULTS_FILE"
exit "$verdicts"
