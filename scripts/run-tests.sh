#!/usr/bin/env bash
# Runs every test kind on one build and ends with one pass/fail summary.
# Usage: scripts/run-tests.sh BUILD_DIR
set -uo pipefail
build_dir=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
log_dir="$build_dir/test-logs"
mkdir -p "$log_dir"

echo "== Tests C++ (CTest : unitaires et intégration)"
ctest --test-dir "$build_dir" --output-on-failure -j 2 2>&1 | tee "$log_dir/ctest.log"
ctest_status=${PIPESTATUS[0]}
ctest_line=$(grep -E "tests passed, [0-9]+ tests failed out of [0-9]+" "$log_dir/ctest.log" | tail -n 1)
ctest_total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$ctest_line")
ctest_failed=$(sed -E 's/.* ([0-9]+) tests failed.*/\1/' <<<"$ctest_line")
ctest_total=${ctest_total:-0}
ctest_failed=${ctest_failed:-1}

echo "== Tests navigateur et API (node --test, Chromium)"
# The browser tests run on SQLite, plus one smoke journey on a PostgreSQL cluster of their
# own (CTest's is gone by now); stopped on every exit path.
e2e_pg_state="$root/$build_dir/e2e-postgres"
trap 'bash "$root/scripts/pg-test-cluster.sh" stop "$e2e_pg_state" >/dev/null 2>&1 || true' EXIT
e2e_pg_url=""
if bash "$root/scripts/pg-test-cluster.sh" start "$e2e_pg_state"; then
  e2e_pg_url=$(cat "$e2e_pg_state/postgres.url")
fi
BOUSSOLE_E2E_POSTGRES_URL="$e2e_pg_url" BOUSSOLE_BINARY="$root/$build_dir/boussole" BOUSSOLE_TEST_DB="$root/$build_dir/test-data/reference.db" \
  node --test --test-concurrency=1 "$root"/tests/e2e/*.test.mjs 2>&1 | tee "$log_dir/e2e.log"
e2e_status=${PIPESTATUS[0]}
e2e_passed=$(grep -E "^# pass [0-9]+" "$log_dir/e2e.log" | tail -n 1 | awk '{print $3}')
e2e_failed=$(grep -E "^# fail [0-9]+" "$log_dir/e2e.log" | tail -n 1 | awk '{print $3}')
e2e_passed=${e2e_passed:-0}
e2e_failed=${e2e_failed:-1}

passed=$(( ctest_total - ctest_failed + e2e_passed ))
failed=$(( ctest_failed + e2e_failed ))
echo
echo "== Résumé"
echo "CTest : $(( ctest_total - ctest_failed )) réussis, $ctest_failed échoués"
echo "Navigateur et API : $e2e_passed réussis, $e2e_failed échoués"
if [ "$ctest_status" -ne 0 ] || [ "$e2e_status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  echo "ÉCHEC"
  echo "$passed passed, $failed failed"
  exit 1
fi
echo "SUCCÈS"
echo "$passed passed, $failed failed"
