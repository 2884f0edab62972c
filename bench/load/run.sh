#!/usr/bin/env bash
# Load benchmark of Boussole: wrk on loopback against build/boussole on each store backend
# (SQLite, PostgreSQL) and against nginx serving a static copy of an offer page (the ceiling).
#
# Usage (as root, on Debian 12, from anywhere): bash bench/load/run.sh
# Settings (environment):
#   DURATION=15s      how long wrk drives each target (wrk syntax: 15s, 1m)
#   CONNECTIONS=32    open connections
#   THREADS=2         wrk threads
#   WARMUP=3s         wrk warm-up per target before measuring (not reported)
#   BACKENDS="sqlite postgres"
#   UNIQUE=1          also drive every target with a unique query string per request
#                     (?bench=N), which a response cache keyed by the URL cannot answer:
#                     the rendering path. 0: only the repeated URL.
#   PG_ANALYZE=1      run ANALYZE after the PostgreSQL import (0: measure before autovacuum has
#                     gathered statistics; see bench/README.md)
#   RESULTS=FILE      where to write the report (default bench/load/results-YYYY-MM-DD.md,
#                     replaced by a second run on the same day)
#   PERF=0            1: profile the server with `perf record` during the offer page run and
#                     write the hottest functions to bench/load/perf-BACKEND-MODE-YYYY-MM-DD.txt
# Every run is bounded: wrk stops after DURATION and is killed by `timeout` if it does not;
# the servers it starts (boussole, nginx, the PostgreSQL test cluster) are stopped at the end,
# also on failure or Ctrl-C. Only 127.0.0.1 is used.
# Output: a Markdown report printed and written to bench/load/results-YYYY-MM-DD.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BIN="$ROOT/build/boussole"
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-3s}
BACKENDS=${BACKENDS:-"sqlite postgres"}
PG_ANALYZE=${PG_ANALYZE:-1}
UNIQUE=${UNIQUE:-1}
PERF=${PERF:-0}
TARGET_RATIO=0.33   # offer pages within 3x of the static-file ceiling

TARGETS=(
  "territory API|/api/v1/territories/75056"
  "offer list page|/offres"
  "offer page|/offres/atelier-des-territoires-local"
)
OFFER_PATH=/offres/atelier-des-territoires-local

# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

# ---------------------------------------------------------------------------------------------
# 1. Tools
# ---------------------------------------------------------------------------------------------
[ "$(id -u)" -eq 0 ] || die "run as root (it installs wrk and nginx with apt-get)"

missing=()
for p in wrk nginx curl; do installed "$p" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # The nginx package starts a system nginx on port 80 when the init system lets it; the
  # benchmark only wants the binary. A temporary policy-rc.d (only if none exists) stops that.
  policy_added=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    policy_added=1
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    trap 'exit 130' INT TERM
  fi
  install_ok=1
  { apt-get install -y -qq --no-install-recommends "${missing[@]}" \
      || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; }
  } || install_ok=""
  if [ -n "$policy_added" ]; then rm -f /usr/sbin/policy-rc.d; trap - EXIT INT TERM; fi
  [ -n "$install_ok" ] || die "apt-get install ${missing[*]} failed"
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || die "nginx binary not found after installation"
command -v wrk >/dev/null || die "wrk not found after installation"

# ---------------------------------------------------------------------------------------------
# 2. The binary (built by the project, never here)
# ---------------------------------------------------------------------------------------------
[ -x "$BIN" ] || die "$BIN is missing: build it first with \`cmake --build build\` (or \`make run\`) in $ROOT"

# ---------------------------------------------------------------------------------------------
# Temporary state and cleanup (also on failure and interrupt)
# ---------------------------------------------------------------------------------------------
TMP=$(mktemp -d /tmp/boussole-bench.XXXXXX)
chmod 711 "$TMP"   # nginx workers (user nobody) must reach $TMP/www
SERVER_PID=""
NGINX_PID=""
PG_STARTED=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "${PERF_PID:-}" ]; then kill -TERM "$PERF_PID" 2>/dev/null || true; wait "$PERF_PID" 2>/dev/null || true; fi
  if [ -n "${WRK_PID:-}" ]; then kill -TERM "$WRK_PID" 2>/dev/null || true; wait "$WRK_PID" 2>/dev/null || true; fi
  stop_pid "$SERVER_PID"; SERVER_PID=""
  stop_pid "$NGINX_PID"; NGINX_PID=""
  if [ -n "$PG_STARTED" ]; then
    bash "$ROOT/scripts/pg-test-cluster.sh" stop "$TMP/pg" >/dev/null 2>&1 || true
  fi
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

COMMIT=$(git_commit)  # at the start, next to the copy of the binary
# Run a private copy: build/boussole may be relinked by someone else during the run.
BIN_BUILT=$(stat -c %y "$BIN" | cut -d. -f1)
BIN_NOTE=""
if [ -n "$(find "$ROOT/src" -newer "$BIN" -type f -print -quit 2>/dev/null)" ]; then
  BIN_NOTE=" (**older than some files of src/: rebuild to measure them**)"
fi
cp "$BIN" "$TMP/boussole"
BIN="$TMP/boussole"
"$BIN" --help >/dev/null 2>&1 || die "build/boussole does not run (being rebuilt? try again)"

seconds() {  # wrk duration (15, 15s, 2m, 1h) -> seconds
  local d=$1
  case "$d" in
    *h) echo $(( ${d%h} * 3600 )) ;;
    *m) echo $(( ${d%m} * 60 )) ;;
    *s) echo "${d%s}" ;;
    *) echo "$d" ;;
  esac
}
WRK_LIMIT=$(( $(seconds "$DURATION") + 30 ))
WARM_LIMIT=$(( $(seconds "$WARMUP") + 30 ))

# ---------------------------------------------------------------------------------------------
# 3. Databases
# ---------------------------------------------------------------------------------------------
declare -A DB_URL
for backend in $BACKENDS; do
  case "$backend" in
    sqlite)
      log "importing into SQLite"
      DB_URL[sqlite]="sqlite://$TMP/b.db"
      "$BIN" --database "${DB_URL[sqlite]}" import territories >"$TMP/import-sqlite.log" 2>&1 \
        || { cat "$TMP/import-sqlite.log" >&2; die "SQLite import of territories failed"; }
      "$BIN" --database "${DB_URL[sqlite]}" import offers >>"$TMP/import-sqlite.log" 2>&1 \
        || { cat "$TMP/import-sqlite.log" >&2; die "SQLite import of offers failed"; }
      ;;
    postgres)
      log "starting a throwaway PostgreSQL cluster"
      PG_STARTED=1
      bash "$ROOT/scripts/pg-test-cluster.sh" start "$TMP/pg" >&2
      admin=$(cat "$TMP/pg/postgres.url")
      psql -q "$admin" -c "DROP DATABASE IF EXISTS boussole_bench WITH (FORCE)" \
        -c "CREATE DATABASE boussole_bench" >&2
      DB_URL[postgres]="${admin%/*}/boussole_bench"
      log "importing into PostgreSQL"
      "$BIN" --database "${DB_URL[postgres]}" import territories >"$TMP/import-pg.log" 2>&1 \
        || { cat "$TMP/import-pg.log" >&2; die "PostgreSQL import of territories failed"; }
      "$BIN" --database "${DB_URL[postgres]}" import offers >>"$TMP/import-pg.log" 2>&1 \
        || { cat "$TMP/import-pg.log" >&2; die "PostgreSQL import of offers failed"; }
      # The import leaves the tables without planner statistics until autovacuum's
      # autoanalyze runs (within about a minute). Without them the planner over-estimates the
      # recursive ancestors query by orders of magnitude and JIT-compiles it on every call.
      # The steady state of a running site has statistics, so gather them now.
      if [ "$PG_ANALYZE" = 1 ]; then psql -q "${DB_URL[postgres]}" -c ANALYZE >&2; fi
      ;;
    *) die "unknown backend '$backend' (sqlite, postgres)" ;;
  esac
done

# ---------------------------------------------------------------------------------------------
# wrk: run and parse
# ---------------------------------------------------------------------------------------------
# Latency as printed by wrk (123.45us, 1.23ms, 1.02s, 1.5m) -> milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v == "") { print "n/a"; exit }
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
    printf "%.2f", n }'
}

# bounded LIMIT OUT CMD...: CMD under `timeout`, in the background so that a signal to this
# script is handled at once (bash defers traps while a foreground command runs).
WRK_PID=""
bounded() {
  local limit=$1 out=$2 rc=0
  shift 2
  timeout --signal=INT --kill-after=10 "$limit" "$@" >"$out" 2>&1 &
  WRK_PID=$!
  wait "$WRK_PID" || rc=$?
  WRK_PID=""
  return "$rc"
}

# A wrk script giving every request its own query string (?bench=THREAD-N): a cache keyed by
# the request target never has the answer, so the server renders every page.
cat >"$TMP/unique.lua" <<'EOF_LUA'
local counter = 0
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
function request()
  counter = counter + 1
  local sep = wrk.path:find("?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. sep .. "bench=" .. tostring(tid) .. "-" .. counter)
end
EOF_LUA

# run_wrk NAME URL MODE (repeat|unique): measured run, output kept in $TMP/wrk-NAME.txt
run_wrk() {
  local name=$1 url=$2 mode=${3:-repeat} out="$TMP/wrk-$1.txt" script=()
  [ "$mode" = unique ] && script=(-s "$TMP/unique.lua")
  log "wrk -t$THREADS -c$CONNECTIONS -d$DURATION ${script[*]} $url"
  bounded "$WRK_LIMIT" "$out" \
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency "${script[@]}" "$url" \
    || { cat "$out" >&2; die "wrk failed on $url"; }
}

warm_up() {  # URL: short wrk run, not reported
  bounded "$WARM_LIMIT" /dev/null wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$1" || true
}

# cache_stats BASE_URL -> "entries hits misses" from /metrics, or "none" without a response cache
cache_stats() {
  local m
  m=$(curl -sf --max-time 5 "$1/metrics" 2>/dev/null | grep '^boussole_response_cache{' || true)
  if [ -z "$m" ]; then echo none; return; fi
  awk '{ v[$1] = $2 } END {
    printf "%d %d %d\n", v["boussole_response_cache{kind=\"entries\"}"],
      v["boussole_response_cache{kind=\"hits\"}"], v["boussole_response_cache{kind=\"misses\"}"] }' <<<"$m"
}

# parse NAME -> "rps|p50|p99|requests|non2xx|socket_errors"
parse() {
  local f="$TMP/wrk-$1.txt" rps p50 p99 requests non2xx sockerr
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$f")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$f")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$f")")
  requests=$(awk '/ requests in / {print $1}' "$f")
  non2xx=$(awk -F: '/Non-2xx or 3xx responses/ {gsub(/ /, "", $2); print $2}' "$f")
  sockerr=$(awk '/Socket errors:/ {
      s = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) s += $i + 0; print s }' "$f")
  echo "${rps:-0}|${p50}|${p99}|${requests:-0}|${non2xx:-0}|${sockerr:-0}"
}

# check URL -> body size in bytes; dies unless the status is 200
check_200() {
  local url=$1 out status size
  out=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' --max-time 10 "$url") || true
  status=${out%% *}; size=${out##* }
  [ "$status" = "200" ] || die "GET $url answered ${status:-nothing}, expected 200"
  echo "$size"
}

declare -A RESULT SIZE CACHE ACCESS_LOG WARN_COUNT

# ---------------------------------------------------------------------------------------------
# 4. Boussole, one backend at a time
# ---------------------------------------------------------------------------------------------
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
OFFER_HTML="$TMP/offer.html"

for backend in $BACKENDS; do
  log "starting boussole on $backend"
  # stderr carries the access log (one line per request): kept in $TMP, counted in the cost.
  # One client address sends everything: the per-address rate limits (issue 9) are off.
  (cd "$ROOT" && BOUSSOLE_RATE_LIMITS="${BOUSSOLE_RATE_LIMITS:-recherche=0/60,connexion=0/60,inscription=0/60,mot_de_passe=0/60}" exec "$BIN" --database "${DB_URL[$backend]}" serve --port 0 \
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

  for t in "${TARGETS[@]}"; do
    path=${t#*|}
    SIZE["$backend|$path"]=$(check_200 "$base$path")
    if [ "$UNIQUE" = 1 ]; then check_200 "$base$path?bench=check" >/dev/null; fi
  done
  if [ ! -s "$OFFER_HTML" ]; then
    curl -sf --max-time 10 -o "$OFFER_HTML" "$base$OFFER_PATH" || die "could not save $OFFER_PATH"
  fi

  log "warming up ($WARMUP per target)"
  for t in "${TARGETS[@]}"; do warm_up "$base${t#*|}"; done

  MODES="repeat"
  if [ "$UNIQUE" = 1 ]; then MODES="repeat unique"; fi
  i=0
  for t in "${TARGETS[@]}"; do
    path=${t#*|}
    for mode in $MODES; do
      i=$((i + 1))
      PERF_PID=""
      if [ "$PERF" = 1 ] && [ "$path" = "$OFFER_PATH" ] && command -v perf >/dev/null; then
        # 5 s in the middle of the run, with DWARF call graphs (the binary has no frame pointers).
        (sleep 2 && exec timeout 30 perf record -q -F 299 --call-graph dwarf,16384 -p "$SERVER_PID" \
           -o "$TMP/perf-$backend-$mode.data" -- sleep 5 >/dev/null 2>&1) &
        PERF_PID=$!
      fi
      run_wrk "$backend-$i" "$base$path" "$mode"
      RESULT["$backend|$path|$mode"]=$(parse "$backend-$i")
      if [ -n "$PERF_PID" ]; then
        wait "$PERF_PID" || true
        PERF_PID=""
        perf_file="$ROOT/bench/load/perf-$backend-$mode-$(date +%F).txt"
        { echo "# perf: boussole ($backend) under wrk on $OFFER_PATH ($mode URL); inclusive (children) and self %"
          perf report -i "$TMP/perf-$backend-$mode.data" --children --sort symbol --stdio 2>/dev/null \
            | grep -E '^ +[0-9.]+%' | grep -v '\[k\]' | sed -E 's/ {2,}/ /g' | cut -c1-220 | head -60
        } >"$perf_file" || true
        log "profile written to $perf_file"
      fi
    done
  done
  CACHE[$backend]=$(cache_stats "$base")

  stop_pid "$SERVER_PID"; SERVER_PID=""
  ACCESS_LOG[$backend]=$(du -m "$TMP/serve-$backend.err" | cut -f1)
  # Warnings and errors of the server (spdlog levels), not the access log lines.
  WARN_COUNT[$backend]=$(grep -cE '\] \[(warning|error|critical)\] ' "$TMP/serve-$backend.err" || true)
  grep -E '\] \[(warning|error|critical)\] ' "$TMP/serve-$backend.err" | sort -k4 | uniq -f3 -c \
    | sort -rn | head -5 | cut -c1-300 >"$TMP/warnings-$backend.txt" || true
  if [ "${WARN_COUNT[$backend]:-0}" -gt 0 ]; then
    log "boussole ($backend) logged ${WARN_COUNT[$backend]} warnings/errors:"; cat "$TMP/warnings-$backend.txt" >&2
  fi
done

# ---------------------------------------------------------------------------------------------
# 5. The ceiling: nginx serving the saved offer page as a static file
# ---------------------------------------------------------------------------------------------
mkdir -p "$TMP/www" "$TMP/nginx"
chmod 755 "$TMP/www"
cp "$OFFER_HTML" "$TMP/www/offer.html"
chmod 644 "$TMP/www/offer.html"
STATIC_SIZE=$(stat -c %s "$TMP/www/offer.html")

free_port() {
  local p
  for _ in $(seq 1 50); do
    p=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
  done
  die "no free loopback port found"
}
NGINX_PORT=$(free_port)
cat >"$TMP/nginx/nginx.conf" <<EOF
# Minimal static-file server for the ceiling (written by bench/load/run.sh).
worker_processes auto;
daemon off;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  sendfile on;
  keepalive_requests 1000000;
  client_body_temp_path $TMP/nginx/client_body;
  proxy_temp_path $TMP/nginx/proxy;
  fastcgi_temp_path $TMP/nginx/fastcgi;
  uwsgi_temp_path $TMP/nginx/uwsgi;
  scgi_temp_path $TMP/nginx/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $TMP/www;
  }
}
EOF
log "starting nginx on 127.0.0.1:$NGINX_PORT"
"$NGINX" -e "$TMP/nginx/error.log" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" \
  >"$TMP/nginx/stdout.log" 2>&1 &
NGINX_PID=$!
ok=""
for _ in $(seq 1 100); do
  curl -sf --max-time 2 -o /dev/null "http://127.0.0.1:$NGINX_PORT/offer.html" && { ok=1; break; }
  kill -0 "$NGINX_PID" 2>/dev/null || break
  sleep 0.1
done
[ -n "$ok" ] || { cat "$TMP/nginx/error.log" "$TMP/nginx/stdout.log" >&2 2>/dev/null; die "nginx did not start"; }
check_200 "http://127.0.0.1:$NGINX_PORT/offer.html" >/dev/null
warm_up "http://127.0.0.1:$NGINX_PORT/offer.html"
run_wrk nginx "http://127.0.0.1:$NGINX_PORT/offer.html"
RESULT["nginx"]=$(parse nginx)
stop_pid "$NGINX_PID"; NGINX_PID=""
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------------------------------------
# 6. Report
# ---------------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
fmt_rps() { awk -v v="$1" 'BEGIN { printf "%.0f", v }'; }

REPORT_DATE=$(date +%F)
RESULTS_FILE=${RESULTS:-"$ROOT/bench/load/results-$REPORT_DATE.md"}
IFS='|' read -r n_rps n_p50 n_p99 n_req n_non n_sock <<<"${RESULT[nginx]}"

{
  echo "# Boussole load benchmark — $(date '+%Y-%m-%d %H:%M %Z')"
  echo
  echo "wrk \`-t$THREADS -c$CONNECTIONS -d$DURATION --timeout 10s --latency\` on 127.0.0.1, after a $WARMUP warm-up per target."
  echo "One \`boussole serve\` process per backend (default threads: 1 io thread, 4 workers), its"
  echo "access log (stderr) written to a file. PostgreSQL: throwaway local cluster (fsync off),"
  echo "ANALYZE after the import: $([ "$PG_ANALYZE" = 1 ] && echo yes || echo '**no**')."
  echo
  echo "\"repeated URL\": every request asks for the same URL. \"unique URL\": each request adds"
  echo "its own \`?bench=N\` (ignored by the pages), so a response cache keyed by the URL never"
  echo "answers and every page is rendered from the store."
  echo
  echo "| server | target | path | URL | body bytes | req/s | p50 ms | p99 ms | requests | non-2xx | socket errors |"
  echo "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for backend in $BACKENDS; do
    for t in "${TARGETS[@]}"; do
      name=${t%%|*}; path=${t#*|}
      for mode in $MODES; do
        IFS='|' read -r rps p50 p99 req non sock <<<"${RESULT[$backend|$path|$mode]}"
        echo "| boussole ($backend) | $name | \`$path\` | $([ "$mode" = repeat ] && echo repeated || echo unique) | ${SIZE[$backend|$path]} | $(fmt_rps "$rps") | $p50 | $p99 | $req | $non | $sock |"
      done
    done
  done
  echo "| nginx (ceiling) | static copy of the offer page | \`/offer.html\` | repeated | $STATIC_SIZE | $(fmt_rps "$n_rps") | $n_p50 | $n_p99 | $n_req | $n_non | $n_sock |"
  echo
  echo "## Offer page against the static-file ceiling"
  echo
  echo "Target: offer pages within 3× of nginx serving the same bytes, i.e. ratio ≥ $TARGET_RATIO."
  echo
  echo "| backend | URL | offer page req/s | nginx req/s | ratio | target met |"
  echo "| --- | --- | ---: | ---: | ---: | --- |"
  for backend in $BACKENDS; do
    for mode in $MODES; do
      IFS='|' read -r rps _ <<<"${RESULT[$backend|$OFFER_PATH|$mode]}"
      r=$(ratio "$rps" "$n_rps")
      met=$(awk -v r="$r" -v t="$TARGET_RATIO" 'BEGIN { print (r != "n/a" && r + 0 >= t) ? "yes" : "**no**" }')
      inv=$(awk -v r="$r" 'BEGIN { if (r > 0) printf "1/%.1f", 1 / r; else print "n/a" }')
      echo "| $backend | $([ "$mode" = repeat ] && echo repeated || echo unique) | $(fmt_rps "$rps") | $(fmt_rps "$n_rps") | $r ($inv) | $met |"
    done
  done
  echo
  echo "## Caches"
  echo
  any_cache=""
  for backend in $BACKENDS; do [ "${CACHE[$backend]}" != none ] && any_cache=1; done
  if [ -z "$any_cache" ]; then
    echo "The server has no response cache (no \`boussole_response_cache\` metric at \`/metrics\`):"
    echo "every request reads the store and renders its template, so the repeated-URL and"
    echo "unique-URL rows measure the same path."
  else
    echo "The server has a response cache (\`boussole_response_cache\` at \`/metrics\`), keyed by"
    echo "the request target: repeated-URL rows are served from it after the first request,"
    echo "unique-URL rows render every page (and fill the cache with entries nobody asks for again)."
    echo "Counters at the end of each server's runs (warm-up included):"
    echo
    for backend in $BACKENDS; do
      if [ "${CACHE[$backend]}" = none ]; then echo "- $backend: no cache metric"; continue; fi
      read -r entries hits misses <<<"${CACHE[$backend]}"
      echo "- $backend: $hits hits, $misses misses, $entries entries"
    done
  fi
  echo
  echo "Requirement for any cache: it must never serve stale data after a write."
  echo
  for backend in $BACKENDS; do
    echo "Access log written by boussole ($backend): ${ACCESS_LOG[$backend]} MB;" \
      "warnings and errors logged: ${WARN_COUNT[$backend]:-0}."
    if [ "${WARN_COUNT[$backend]:-0}" -gt 0 ]; then
      echo
      echo '```'
      cat "$TMP/warnings-$backend.txt"
      echo '```'
      echo
    fi
  done
  echo
  echo "## Machine"
  echo
  echo "- CPUs: $(nproc) × $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "- memory: $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "- kernel: $(uname -sr)"
  echo "- OS: Debian $(cat /etc/debian_version 2>/dev/null || echo '?')"
  echo "- load average (1, 5, 15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER"
  echo "- boussole commit: $COMMIT (HEAD when the run started); binary built $BIN_BUILT$BIN_NOTE"
  echo "- wrk: $(wrk -v 2>&1 | head -1 | awk '{print $1, $2, $3}')"
  echo "- nginx: $("$NGINX" -v 2>&1 | sed 's/^nginx version: //')"
  echo "- PostgreSQL: $(/usr/lib/postgresql/15/bin/postgres --version 2>/dev/null || echo 'not installed')"
  echo "- SQLite: $(sqlite3 --version 2>/dev/null | awk '{print $1}' || echo '?')"
  echo
  echo "wrk, the server under test and (for PostgreSQL) the database share the same CPUs."
} >"$TMP/report.md"

cp "$TMP/report.md" "$RESULTS_FILE"
cat "$TMP/report.md"
log "written to $RESULTS_FILE"
