#!/usr/bin/env bash
# Runs CTest on the sanitizer build (ASan + UBSan) with the options every caller shares.
# Usage: scripts/run-sanitized.sh ASAN_BUILD_DIR [CTEST_ARGS...]
# The first report aborts the process (-fno-sanitize-recover=all): the test fails with the
# report in its output. Servers started by the tests inherit the options.
set -uo pipefail
asan_dir=$1
shift
root=$(cd "$(dirname "$0")/.." && pwd)
export ASAN_OPTIONS="detect_leaks=1:check_initialization_order=1:strict_init_order=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$root/tests/sanitizers/lsan.supp"
exec ctest --output-on-failure -j 2 --test-dir "$asan_dir" --timeout 900 "$@"
