#!/usr/bin/env bash
# Runs one libFuzzer target over its seed corpus for $FUZZ_SECONDS (5 by default), never
# writing into the repository: new inputs go to WORK_DIR/corpus, a crash to WORK_DIR.
# Usage: scripts/fuzz-target.sh BINARY SEED_DIR WORK_DIR
# Any crash, sanitizer report, timeout or leak makes it fail; the input that did it is in
# WORK_DIR (crash-*, timeout-*, leak-*, oom-*): add it to SEED_DIR once fixed.
set -euo pipefail
seconds=${FUZZ_SECONDS:-5}
mkdir -p "$3/corpus" "$2"
binary=$(realpath "$1")
seeds=$(realpath "$2")
work=$(realpath "$3")
cd "$work"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# -timeout: one input taking 10 s is a hang; -rss_limit_mb: a runaway allocation is a bug.
exec "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$work/" "$work/corpus" "$seeds"
