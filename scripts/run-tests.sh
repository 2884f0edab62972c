#!/usr/bin/env bash
# Runs every test kind and ends with one pass/fail summary: the CTest suite, each test once
# (under ASan + UBSan on the sanitizer build, except the few listed below, which run on the
# normal build), the fuzz targets briefly, then the browser and API tests on the normal build.
# Usage: scripts/run-tests.sh BUILD_DIR [ASAN_BUILD_DIR [FUZZ_BUILD_DIR]]
# (a build directory that is not given is not run).
set -uo pipefail
build_dir=${1:-build}
asan_dir=${2:-}
fuzz_dir=${3:-}
root=$(cd "$(dirname "$0")/.." && pwd)
log_dir="$build_dir/test-logs"
mkdir -p "$log_dir"

# run_ctest LABEL LOG CTEST_ARGS...: sets ctest_status, ctest_total, ctest_failed.
run_ctest() {
  local label=$1 log=$2
  shift 2
  echo "== $label"
  if [ "${1:-}" = --sanitized ]; then
    shift
    bash "$root/scripts/run-sanitized.sh" "$@" 2>&1 | tee "$log"
  else
    ctest --output-on-failure -j 2 "$@" 2>&1 | tee "$log"
  fi
  ctest_status=${PIPESTATUS[0]}
  local line
  line=$(grep -E "tests passed, [0-9]+ tests failed out of [0-9]+" "$log" | tail -n 1)
  ctest_total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"$line")
  ctest_failed=$(sed -E 's/.* ([0-9]+) tests failed.*/\1/' <<<"$line")
  ctest_total=${ctest_total:-0}
  ctest_failed=${ctest_failed:-1}
}

# Each CTest test runs once. Under the sanitizers, every test but these, which run on the
# normal build instead (`make sanitize` runs them all under the sanitizers):
# - the PostgreSQL runs of the HTTP journeys (`*.postgresql`): the same web and domain code
#   as their SQLite runs, which run under the sanitizers, over libpq; the PostgreSQL storage
#   code itself runs under the sanitizers in the storage tests (Backends/*/"postgresql"), the
#   dump round trip and the loads. Under the sanitizers they took 1 343 s of test time, half
#   of the sanitizer run, against 524 s on the normal build (2-core machine of bench/README.md).
# - CogReader.WiderScalesSumTheirCommunes: 8 s normally, 277 s under ASan, all of it in the
#   test's own scan of every commune against every link; the reading of the real COG files
#   it starts from runs under ASan in CogReader.CountsEveryScaleOfTheReferenceData.
# Without a sanitizer build, the normal build runs everything.
normal_only='\.postgresql$|^CogReader\.WiderScalesSumTheirCommunes$'
main_status=0 main_total=0 main_failed=0
asan_status=0 asan_total=0 asan_failed=0
if [ -n "$asan_dir" ]; then
  run_ctest "Tests C++ sous ASan + UBSan" "$log_dir/ctest-asan.log" --sanitized "$asan_dir" -E "$normal_only"
  asan_status=$ctest_status asan_total=$ctest_total asan_failed=$ctest_failed
  run_ctest "Tests C++ (build normal : PostgreSQL des parcours HTTP)" "$log_dir/ctest.log" --test-dir "$build_dir" -R "$normal_only"
  # The normal build only builds the programs of these tests (Makefile): a test of another
  # program would be left out of both runs without a word. Both builds must list the same.
  listed() { ctest --test-dir "$1" -N -R "$normal_only" | sed -n 's/^Total Tests: //p'; }
  if [ "$(listed "$build_dir")" != "$(listed "$asan_dir")" ]; then
    echo "Le build normal ne liste pas les mêmes tests que le build ASan pour « $normal_only » :"
    echo "ajoutez leur programme à NORMAL_BUILD_TEST_TARGETS (Makefile)."
    ctest_status=1
  fi
else
  run_ctest "Tests C++ (CTest : unitaires et intégration)" "$log_dir/ctest.log" --test-dir "$build_dir"
fi
main_status=$ctest_status main_total=$ctest_total main_failed=$ctest_failed

fuzz_status=0 fuzz_total=0 fuzz_failed=0
if [ -n "$fuzz_dir" ]; then
  FUZZ_SECONDS=${FUZZ_TEST_SECONDS:-5} \
    run_ctest "Fuzzing (libFuzzer, ${FUZZ_TEST_SECONDS:-5} s par cible)" "$log_dir/ctest-fuzz.log" --test-dir "$fuzz_dir"
  fuzz_status=$ctest_status fuzz_total=$ctest_total fuzz_failed=$ctest_failed
fi

echo "== Tests navigateur et API (node --test, Chromium)"
# The browser tests run on SQLite, plus one smoke journey on a PostgreSQL cluster of their
# own (CTest's is gone by now); stopped on every exit path. Two files at a time: each starts
# its own server and browser on free ports and temporary folders, and the browser waits on
# the server often enough that two keep both cores busy (262 s instead of 314 s).
e2e_pg_state="$root/$build_dir/e2e-postgres"
trap 'bash "$root/scripts/pg-test-cluster.sh" stop "$e2e_pg_state" >/dev/null 2>&1 || true' EXIT
e2e_pg_url=""
if bash "$root/scripts/pg-test-cluster.sh" start "$e2e_pg_state"; then
  e2e_pg_url=$(cat "$e2e_pg_state/postgres.url")
fi
BOUSSOLE_E2E_POSTGRES_URL="$e2e_pg_url" BOUSSOLE_BINARY="$root/$build_dir/boussole" BOUSSOLE_TEST_DB="$root/$build_dir/test-data/reference.db" \
  node --test --test-concurrency=2 "$root"/tests/e2e/*.test.mjs 2>&1 | tee "$log_dir/e2e.log"
e2e_status=${PIPESTATUS[0]}
e2e_passed=$(grep -E "^# pass [0-9]+" "$log_dir/e2e.log" | tail -n 1 | awk '{print $3}')
e2e_failed=$(grep -E "^# fail [0-9]+" "$log_dir/e2e.log" | tail -n 1 | awk '{print $3}')
e2e_passed=${e2e_passed:-0}
e2e_failed=${e2e_failed:-1}

passed=$(( main_total - main_failed + asan_total - asan_failed + fuzz_total - fuzz_failed + e2e_passed ))
failed=$(( main_failed + asan_failed + fuzz_failed + e2e_failed ))
echo
echo "== Résumé"
echo "CTest (build normal) : $(( main_total - main_failed )) réussis, $main_failed échoués"
[ -n "$asan_dir" ] && echo "CTest sous ASan + UBSan : $(( asan_total - asan_failed )) réussis, $asan_failed échoués"
[ -n "$fuzz_dir" ] && echo "Fuzzing : $(( fuzz_total - fuzz_failed )) cibles réussies, $fuzz_failed échouées"
echo "Navigateur et API : $e2e_passed réussis, $e2e_failed échoués"
if [ "$main_status" -ne 0 ] || [ "$asan_status" -ne 0 ] || [ "$fuzz_status" -ne 0 ] || [ "$e2e_status" -ne 0 ] ||
   [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  echo "ÉCHEC"
  echo "$passed passed, $failed failed"
  exit 1
fi
echo "SUCCÈS"
echo "$passed passed, $failed failed"
