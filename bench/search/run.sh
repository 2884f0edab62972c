#!/usr/bin/env bash
# Search benchmark of Boussole (issue 4, item 7): synthetic offers at several sizes, the same
# fixed queries against the in-memory index (in-process), the HTTP API (build/boussole serve
# on SQLite), a PostgreSQL 15 full-text baseline built as Aides-territoires searches, and two
# embeddable engines on disk in the bench process: SQLite FTS5 and Xapian 1.4.
#
# Usage (on Debian 12, from anywhere; as root when ENGINES has postgres): bash bench/search/run.sh
# Settings (environment):
#   SIZES="1000 10000 100000"  corpus sizes (offers)
#   REPEATS=42          passes over the 96 queries in-process (24 per family: 42 passes give
#                       1 008 samples per family)
#   HTTP_REPEATS=42     passes over the queries through HTTP
#   PG_REPEATS=42       passes over the queries against PostgreSQL
#   FTS5_REPEATS, XAPIAN_REPEATS   passes for SQLite FTS5 and Xapian (default: REPEATS)
#   ENGINES="index http postgres fts5 xapian"   any subset; the report shows the engines run
#   BUILD=1             configure build/ if needed and build boussole and boussole-bench-search
#                       (0: use the binaries already in build/, fail if missing)
#   PERF=0              1: profile the in-process run at the largest size with `perf record`
#                       and write the hottest functions to bench/search/perf-inprocess-DATE.txt
#   RESULTS=FILE        report path (default bench/search/results-YYYY-MM-DD.md, replaced by
#                       a second run on the same day); the plans go to FILE without .md + -plans.md
# A quick run: SIZES=1000 REPEATS=5 HTTP_REPEATS=5 PG_REPEATS=5 bash bench/search/run.sh
# The corpus and the queries are the same on every run (fixed seeds). The servers it starts
# (boussole, the PostgreSQL test cluster) listen on 127.0.0.1 only and are stopped at the end,
# also on failure or Ctrl-C.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
SIZES=${SIZES:-"1000 10000 100000"}
REPEATS=${REPEATS:-42}
HTTP_REPEATS=${HTTP_REPEATS:-42}
PG_REPEATS=${PG_REPEATS:-42}
FTS5_REPEATS=${FTS5_REPEATS:-$REPEATS}
XAPIAN_REPEATS=${XAPIAN_REPEATS:-$REPEATS}
ENGINES=${ENGINES:-"index http postgres fts5 xapian"}
BUILD=${BUILD:-1}
PERF=${PERF:-0}
REPORT_DATE=$(date +%F)
RESULTS_FILE=${RESULTS:-"$ROOT/bench/search/results-$REPORT_DATE.md"}
PLANS_FILE="${RESULTS_FILE%.md}-plans.md"
TARGET_SIZE=100000

# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"
has() { [[ " $ENGINES " == *" $1 "* ]]; }

# ---------------------------------------------------------------------------------------------
# 1. Tools
# ---------------------------------------------------------------------------------------------
if has postgres || [ "$PERF" = 1 ]; then
  [ "$(id -u)" -eq 0 ] || die "run as root (the PostgreSQL test cluster runs as the postgres user; apt)"
fi
missing=()
if has postgres; then
  for p in postgresql-15 postgresql-contrib; do installed "$p" || missing+=("$p"); done
fi
if [ "$PERF" = 1 ]; then installed linux-perf || missing+=(linux-perf); fi
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Installing postgresql-15 would start a system cluster: a temporary policy-rc.d (only if
  # none exists) stops that; the benchmark starts its own throwaway cluster.
  policy_added=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    policy_added=1
  fi
  install_ok=1
  { apt-get install -y -qq --no-install-recommends "${missing[@]}" \
      || { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; }
  } || install_ok=""
  if [ -n "$policy_added" ]; then rm -f /usr/sbin/policy-rc.d; fi
  [ -n "$install_ok" ] || die "apt-get install ${missing[*]} failed"
fi
if has postgres; then
  [ -f /usr/share/postgresql/15/extension/unaccent.control ] || die "the unaccent extension is missing (postgresql-contrib)"
fi
[ -d "$ROOT/node_modules/@etalab/decoupage-administratif/data" ] \
  || die "node_modules/@etalab/decoupage-administratif is missing: run \`npm ci\` in $ROOT"
[ -d "$ROOT/../shared/seeds" ] || die "$ROOT/../shared/seeds is missing (the seed texts)"

# ---------------------------------------------------------------------------------------------
# 2. Binaries
# ---------------------------------------------------------------------------------------------
if [ "$BUILD" = 1 ]; then
  if [ ! -f "$ROOT/build/CMakeCache.txt" ]; then
    log "configuring build/ (Release)"
    cmake -S "$ROOT" -B "$ROOT/build" -DCMAKE_BUILD_TYPE=Release >&2
  fi
  log "building boussole and boussole-bench-search"
  cmake --build "$ROOT/build" -j"$(nproc)" --target boussole boussole-bench-search >&2
fi
for b in boussole boussole-bench-search; do
  [ -x "$ROOT/build/$b" ] || die "$ROOT/build/$b is missing: build it (BUILD=1, the default, does)"
done
BUILD_TYPE=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$ROOT/build/CMakeCache.txt" 2>/dev/null || echo '?')

# ---------------------------------------------------------------------------------------------
# Temporary state and cleanup (also on failure and interrupt)
# ---------------------------------------------------------------------------------------------
TMP=$(mktemp -d /tmp/boussole-search-bench.XXXXXX)
SERVER_PID=""
PG_STARTED=""
CHILD_PID=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_pid "$CHILD_PID"; CHILD_PID=""
  stop_pid "$SERVER_PID"; SERVER_PID=""
  if [ -n "$PG_STARTED" ]; then bash "$ROOT/scripts/pg-test-cluster.sh" stop "$TMP/pg" >/dev/null 2>&1 || true; fi
  rm -rf "$TMP"
  exit "$status"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

COMMIT=$(git_commit)
# Private copies: build/ may be relinked by someone else during the run.
cp "$ROOT/build/boussole" "$ROOT/build/boussole-bench-search" "$TMP/"
BIN="$TMP/boussole"
BENCH="$TMP/boussole-bench-search"
BIN_BUILT=$(stat -c %y "$ROOT/build/boussole-bench-search" | cut -d. -f1)
TSV="$TMP/results.tsv"
: >"$TSV"

# run_child OUT CMD...: in the background so that a signal to this script is handled at once.
run_child() {
  local out=$1 rc=0
  shift
  "$@" >>"$out" 2>"$TMP/child.err" &
  CHILD_PID=$!
  wait "$CHILD_PID" || rc=$?
  CHILD_PID=""
  if [ "$rc" -ne 0 ]; then cat "$TMP/child.err" >&2; die "$* failed (exit $rc)"; fi
}

# ---------------------------------------------------------------------------------------------
# 3. Shared state: territories in a SQLite template, the PostgreSQL cluster
# ---------------------------------------------------------------------------------------------
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
START_TIME=$(date +%s)
if has http; then
  log "importing the territories into a SQLite template"
  "$BIN" --database "sqlite://$TMP/territories.db" import territories >"$TMP/import.log" 2>&1 \
    || { cat "$TMP/import.log" >&2; die "import territories failed"; }
fi
if has postgres; then
  log "starting a throwaway PostgreSQL 15 cluster"
  PG_STARTED=1
  bash "$ROOT/scripts/pg-test-cluster.sh" start "$TMP/pg" >&2
  PG_ADMIN=$(cat "$TMP/pg/postgres.url")
fi
MAX_SIZE=$(tr ' ' '\n' <<<"$SIZES" | sort -n | tail -1)

# ---------------------------------------------------------------------------------------------
# 4. Each size
# ---------------------------------------------------------------------------------------------
for size in $SIZES; do
  if has index; then
    log "size $size: in-process index ($REPEATS passes)"
    if [ "$PERF" = 1 ] && [ "$size" = "$MAX_SIZE" ]; then
      run_child "$TSV" perf record -q -F 499 -g -o "$TMP/perf.data" -- \
        "$BENCH" --size "$size" --repeats "$REPEATS" inprocess
      perf_file="$ROOT/bench/search/perf-inprocess-$REPORT_DATE.txt"
      { echo "# perf: boussole-bench-search inprocess, $size offers (index build + $REPEATS passes); self %"
        perf report -i "$TMP/perf.data" --no-children --sort symbol --stdio 2>/dev/null \
          | grep -E '^ +[0-9.]+%' | grep -v '\[k\]' | sed -E 's/ {2,}/ /g' | cut -c1-200 | head -40
      } >"$perf_file"
      log "profile written to $perf_file"
    else
      run_child "$TSV" "$BENCH" --size "$size" --repeats "$REPEATS" inprocess
    fi
  fi

  if has http; then
    log "size $size: HTTP API on SQLite ($HTTP_REPEATS passes)"
    cp "$TMP/territories.db" "$TMP/offers.db"
    run_child "$TSV" "$BENCH" --size "$size" load-store --database "sqlite://$TMP/offers.db"
    (cd "$ROOT" && exec "$BIN" --database "sqlite://$TMP/offers.db" serve --port 0 \
        >"$TMP/serve.out" 2>"$TMP/serve.err") &
    SERVER_PID=$!
    port=""
    for _ in $(seq 1 300); do
      port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$TMP/serve.out" | head -1)
      [ -n "$port" ] && break
      kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$TMP/serve.err" >&2; die "boussole exited at start"; }
      sleep 0.1
    done
    [ -n "$port" ] || die "boussole did not print 'listening on' within 30 s"
    run_child "$TSV" "$BENCH" --size "$size" --repeats "$HTTP_REPEATS" http --url "http://127.0.0.1:$port"
    errors=$(grep -c '\[error\]' "$TMP/serve.err" || true)
    printf 'metric\thttp\t%s\tserver_errors\t%s\n' "$size" "$errors" >>"$TSV"
    stop_pid "$SERVER_PID"; SERVER_PID=""
    rm -f "$TMP"/offers.db*
  fi

  if has postgres; then
    log "size $size: PostgreSQL baseline ($PG_REPEATS passes)"
    psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS bench_search WITH (FORCE)" -c "CREATE DATABASE bench_search" >&2
    explain=()
    [ "$size" = "$MAX_SIZE" ] && explain=(--explain "$TMP/plans.md")
    run_child "$TSV" "$BENCH" --size "$size" --repeats "$PG_REPEATS" postgres \
      --database "${PG_ADMIN%/*}/bench_search" "${explain[@]}"
  fi

  if has fts5; then
    log "size $size: SQLite FTS5 ($FTS5_REPEATS passes)"
    run_child "$TSV" "$BENCH" --size "$size" --repeats "$FTS5_REPEATS" fts5 --dir "$TMP/fts5"
    rm -rf "$TMP/fts5"
  fi

  if has xapian; then
    log "size $size: Xapian ($XAPIAN_REPEATS passes)"
    run_child "$TSV" "$BENCH" --size "$size" --repeats "$XAPIAN_REPEATS" xapian --dir "$TMP/xapian"
    rm -rf "$TMP/xapian"
  fi
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
ELAPSED=$(( $(date +%s) - START_TIME ))

# ---------------------------------------------------------------------------------------------
# 5. Report
# ---------------------------------------------------------------------------------------------
# res ENGINE SIZE FAMILY COLUMN (5 p50, 6 p95, 7 p99, 8 samples, 9 mean matches)
res() { awk -F'\t' -v e="$1" -v s="$2" -v f="$3" -v c="$4" '$1 == "result" && $2 == e && $3 == s && $4 == f { print $c }' "$TSV"; }
met() { awk -F'\t' -v e="$1" -v s="$2" -v n="$3" '$1 == "metric" && $2 == e && $3 == s && $4 == n { print $5 }' "$TSV"; }
fmt() { [ -n "$1" ] && awk -v v="$1" -v d="${2:-2}" 'BEGIN { printf "%.*f", d, v }' || echo "–"; }
ratio() { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "n/a" }' || echo "–"; }
triple() { [ -n "$(res "$1" "$2" "$3" 5)" ] && echo "$(fmt "$(res "$1" "$2" "$3" 5)") / $(fmt "$(res "$1" "$2" "$3" 6)") / $(fmt "$(res "$1" "$2" "$3" 7)")" || echo "–"; }
FAMILIES="text facets text+3facets+territory prefix"
passes_line() {  # the passes of the engines run
  local out="" e n
  for e in $ENGINES; do
    case $e in index) n=$REPEATS ;; http) n=$HTTP_REPEATS ;; postgres) n=$PG_REPEATS ;;
      fts5) n=$FTS5_REPEATS ;; xapian) n=$XAPIAN_REPEATS ;; *) n="?" ;; esac
    out+="${out:+, }$e $n"
  done
  echo "$out"
}
verdict() { [ "$1" = 1 ] && echo "**met**" || echo "**not met**"; }

{
  echo "# Boussole search benchmark — $(date '+%Y-%m-%d %H:%M %Z')"
  echo
  echo "Synthetic offers (fixed seed) at ${SIZES// /, } offers; 96 fixed queries, 24 per family,"
  echo "each engine in its own process after one unrecorded pass (passes: $(passes_line))."
  echo "Latencies in ms (p50 / p95 / p99), one query at a time. Engines: $ENGINES."
  echo
  if has index; then echo "- **index**: \`OfferIndex::Search\` in the bench process (no HTTP, no JSON)."; fi
  if has http; then
    echo "- **http**: \`GET /api/v1/offers/search\` of \`build/boussole serve\` on a SQLite store, from a"
    echo "  sequential Boost.Beast client on one keep-alive connection over 127.0.0.1; every URL carries"
    echo "  a fresh \`bench=N\` parameter so that the response cache never answers."
  fi
  if has postgres; then
    echo "- **postgres**: PostgreSQL 15 full-text search (french + unaccent, weighted tsvector, GIN,"
    echo "  perimeter ancestors table), one prepared statement per query (libpqxx) over 127.0.0.1."
  fi
  if has fts5; then
    echo "- **fts5**: SQLite FTS5 (contentless, unicode61 remove_diacritics 2, prefix='2 3') over"
    echo "  Boussole's folded Snowball stems, bm25 with column weights 3 / 1 / 0.5, facets in a join"
    echo "  table, perimeter ancestors table; one file on disk (WAL), one prepared statement per query,"
    echo "  in the bench process."
  fi
  if has xapian; then
    echo "- **xapian**: Xapian $(pkg-config --modversion xapian-core 2>/dev/null || echo 1.4) glass database on disk (compacted) over Boussole's"
    echo "  stems, wdf 6 / 2 / 1 per field, BM25, boolean terms for facets and perimeter + ancestors, a"
    echo "  match spy for the facet counts and one extra match per selected filter; in the bench process."
  fi
  echo "- **matches**: mean number of matching offers per query: the engines do comparable work,"
  echo "  not identical work (synonyms and the misspelling fallback exist only in the index; PostgreSQL"
  echo "  has its own parser and stop words; FTS5 and Xapian use the index's analysis)."
  echo
  head="| offers | family |"; sep="| ---: | --- |"
  for e in $ENGINES; do head+=" $e |"; sep+=" ---: |"; done
  echo "$head"; echo "$sep"
  for size in $SIZES; do
    for f in $FAMILIES; do
      row="| $size | $f |"
      for e in $ENGINES; do row+=" $(triple "$e" "$size" "$f") |"; done
      echo "$row"
    done
  done
  RATIO_ENGINES=""
  for e in $ENGINES; do if [ "$e" != index ] && [ "$e" != http ]; then RATIO_ENGINES+=" $e"; fi; done
  if has index && [ -n "$RATIO_ENGINES" ]; then
    echo
    echo "Ratios engine ÷ index (p50 / p99) and mean matches per query:"
    echo
    head="| offers | family |"; sep="| ---: | --- |"
    for e in $RATIO_ENGINES; do head+=" $e ÷ index |"; sep+=" ---: |"; done
    head+=" matches ${ENGINES// / \/ } |"; sep+=" ---: |"
    echo "$head"; echo "$sep"
    for size in $SIZES; do
      for f in $FAMILIES; do
        row="| $size | $f |"
        for e in $RATIO_ENGINES; do
          row+=" $(ratio "$(res "$e" "$size" "$f" 5)" "$(res index "$size" "$f" 5)")× / $(ratio "$(res "$e" "$size" "$f" 7)" "$(res index "$size" "$f" 7)")× |"
        done
        m=""
        for e in $ENGINES; do m+="${m:+ / }$(fmt "$(res "$e" "$size" "$f" 9)" 0)"; done
        echo "$row $m |"
      done
    done
  fi
  echo
  samples=""
  for e in $ENGINES; do samples+="${samples:+, }$e $(res "$e" "$MAX_SIZE" text 8)"; done
  echo "Samples per family at $MAX_SIZE offers: $samples."
  echo
  echo "## Build, memory, loading"
  echo
  if has index || has http || has postgres; then
    echo "| offers | index build s | RSS before build MiB | RSS after build MiB | peak RSS (build + queries) MiB | HTTP first search s | SQLite import s | PostgreSQL COPY s | PostgreSQL indexes s | ANALYZE s |"
    echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    for size in $SIZES; do
      echo "| $size | $(fmt "$(met index "$size" build_s)") | $(fmt "$(met index "$size" rss_before_build_mib)" 0) |" \
        "$(fmt "$(met index "$size" rss_after_build_mib)" 0) | $(fmt "$(met index "$size" peak_rss_mib)" 0) |" \
        "$(fmt "$(met http "$size" first_search_s)") | $(fmt "$(met sqlite "$size" import_s)") |" \
        "$(fmt "$(met postgres "$size" copy_s)") | $(fmt "$(met postgres "$size" index_s)") | $(fmt "$(met postgres "$size" analyze_s)") |"
    done
    echo
    echo "Peak RSS is VmHWM of the in-process bench, restarted (\`/proc/self/clear_refs\`) once the"
    echo "corpus is generated and the territory files are freed: the offers, the index and the queries,"
    echo "what a server holds. \"HTTP first search\" is the first request after the import: the server"
    echo "reads every offer from SQLite and builds its index then."
    if has http; then
      echo "Server errors logged during the HTTP runs: $(for s in $SIZES; do printf '%s ' "$(met http "$s" server_errors | cut -d. -f1)"; done)(one per size)."
    fi
  fi
  if has fts5 || has xapian; then
    echo
    echo "| offers | engine | analysis s | load s | indexes / compaction s | build s (total) | on disk MiB |"
    echo "| ---: | --- | ---: | ---: | ---: | ---: | ---: |"
    for size in $SIZES; do
      if has fts5; then
        echo "| $size | fts5 | $(fmt "$(met fts5 "$size" analyse_s)") | $(fmt "$(met fts5 "$size" insert_s)") |" \
          "$(fmt "$(met fts5 "$size" index_s)") | $(fmt "$(met fts5 "$size" build_s)") | $(fmt "$(met fts5 "$size" disk_mib)" 1) |"
      fi
      if has xapian; then
        echo "| $size | xapian | $(fmt "$(met xapian "$size" analyse_s)") | $(fmt "$(met xapian "$size" index_s)") |" \
          "$(fmt "$(met xapian "$size" compact_s)") | $(fmt "$(met xapian "$size" build_s)") | $(fmt "$(met xapian "$size" disk_mib)" 1) |"
      fi
    done
    echo
    echo "Analysis: Boussole's folding, stop words and stems of every offer's texts (the index does the"
    echo "same inside its build). FTS5 load: one transaction of INSERTs (offers, FTS5 rows, facet links,"
    echo "every territory's ancestors); then the B-tree indexes, FTS5 'optimize', ANALYZE and a WAL"
    echo "checkpoint. Xapian load: add_document and commit; then compaction into the database queried."
  fi
  echo
  echo "## Targets at $TARGET_SIZE offers"
  echo
  if ! has index; then
    echo "Not measured: the index is not in ENGINES."
  elif [[ " $SIZES " == *" $TARGET_SIZE "* ]]; then
    c99=$(res index $TARGET_SIZE text+3facets+territory 7)
    ok=$(awk -v v="$c99" 'BEGIN { print (v != "" && v <= 5) ? 1 : 0 }')
    echo "- p99 ≤ 5 ms in-process for text + 3 facets + territory: $(fmt "$c99") ms — $(verdict "$ok")"
    worst=""; all=1
    if has postgres; then
      for f in $FAMILIES; do
        r=$(ratio "$(res postgres $TARGET_SIZE "$f" 5)" "$(res index $TARGET_SIZE "$f" 5)")
        worst+="$f ${r}×, "
        awk -v r="$r" 'BEGIN { exit (r != "n/a" && r != "–" && r + 0 >= 10) ? 0 : 1 }' || all=0
      done
      echo "- ≥ 10× faster than PostgreSQL on the same queries (p50, every family): ${worst%, } — $(verdict "$all")"
    else
      echo "- ≥ 10× faster than PostgreSQL: not measured in this run (postgres is not in ENGINES)"
    fi
    b=$(met index $TARGET_SIZE build_s)
    echo "- index build ≤ 10 s: $(fmt "$b") s — $(verdict "$(awk -v v="$b" 'BEGIN { print (v != "" && v <= 10) ? 1 : 0 }')")"
    m=$(met index $TARGET_SIZE peak_rss_mib)
    echo "- peak RSS ≤ 1 GiB: $(fmt "$m" 0) MiB — $(verdict "$(awk -v v="$m" 'BEGIN { print (v != "" && v <= 1024) ? 1 : 0 }')")"
  else
    echo "Not measured: $TARGET_SIZE is not in SIZES."
  fi
  echo
  echo "## Machine"
  echo
  echo "- CPUs: $(nproc) × $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "- memory: $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "- kernel: $(uname -sr)"
  echo "- OS: Debian $(cat /etc/debian_version 2>/dev/null || echo '?')"
  echo "- load average (1, 5, 15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER; run time: ${ELAPSED} s"
  echo "- boussole commit: $COMMIT (HEAD when the run started); binaries built $BIN_BUILT ($BUILD_TYPE)"
  echo "- compiler: $(c++ --version 2>/dev/null | head -1)"
  if has postgres; then
    echo "- PostgreSQL: $(/usr/lib/postgresql/15/bin/postgres --version 2>/dev/null || echo 'not installed'), throwaway cluster (fsync off, default memory settings)"
  fi
  echo "- SQLite: $(sqlite3 --version 2>/dev/null | awk '{print $1}' || echo '?')"
  echo
  echo "The client, the server under test and PostgreSQL share the same CPUs; queries run one at a time."
  if [ -s "$TMP/plans.md" ]; then
    echo
    echo "## PostgreSQL plans at $MAX_SIZE offers"
    echo
    echo "EXPLAIN (ANALYZE, BUFFERS) of the first query of each family, after the timed runs (warm"
    echo "cache): $(basename "$PLANS_FILE")."
  fi
} >"$TMP/report.md"

if [ -s "$TMP/plans.md" ]; then
  { echo "# PostgreSQL plans — $MAX_SIZE offers, $(date '+%Y-%m-%d %H:%M %Z')"; echo; cat "$TMP/plans.md"; } >"$PLANS_FILE"
fi
cp "$TMP/report.md" "$RESULTS_FILE"
cat "$TMP/report.md"
log "written to $RESULTS_FILE"
