#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, runs the unit and integration tests, the web
# front-end's unit tests and bundle-size check, a short fuzz run of the SOAP parser, and each
# benchmark briefly (so they keep compiling and run).
# HEARTH_SANITIZE=1 also runs the whole suite under ASan+UBSan in build-asan/.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh

jobs="$(nproc)"
echo "== build"
./scripts/build.sh
echo "== unit and integration tests"
# Each test binary is one ctest test; the summary below counts the GoogleTest cases inside them.
mkdir -p build/test-results
rm -f build/test-results/*.xml
(cd build && GTEST_OUTPUT="xml:$(pwd)/test-results/" ctest --output-on-failure -j"$jobs" --timeout 900)

if [ "${HEARTH_SANITIZE:-0}" = "1" ]; then
  echo "== tests under ASan+UBSan"
  HEARTH_BUILD_DIR=build-asan HEARTH_BUILD_TYPE=Debug ./scripts/build.sh -DHEARTH_SANITIZE=ON -DHEARTH_BUILD_BENCH=OFF
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j"$jobs" --timeout 1800)
fi

echo "== web front-end: unit tests (vitest) and bundle size"
# Counted into the summary below: every vitest case, and the size check as one test.
rm -f build/web-vitest.xml
web_status=0
(cd web && npx --no-install vitest run --reporter=default --reporter=junit --outputFile.junit=../build/web-vitest.xml) ||
  web_status=1
size_status=0
node web/scripts/size.mjs web/dist || size_status=1

echo "== web front-end: browser tests (headless Chromium, hearthd and hearth-sim on loopback)"
# The portal, the agent console and the operator dashboard; screenshots of their main pages are
# kept in build/test-artifacts/e2e/.
e2e_status=0
node --test --test-reporter=tap web/e2e/*.e2e.mjs > build/web-e2e.tap 2>&1 || e2e_status=1
grep -E '^(not )?ok |^# (pass|fail)' build/web-e2e.tap || true
[ "$e2e_status" -eq 0 ] || { echo "browser tests failed:"; tail -80 build/web-e2e.tap; }

echo "== fuzz (short run)"
./scripts/fuzz.sh "${HEARTH_FUZZ_SECONDS:-30}"

echo "== benchmarks (short run)"
./scripts/bench.sh --quick

tests=0; failures=0
for f in build/test-results/*.xml; do
  t=$(sed -n 's/^<testsuites tests="\([0-9]*\)" failures="\([0-9]*\)".*/\1/p' "$f" | head -1)
  u=$(sed -n 's/^<testsuites tests="\([0-9]*\)" failures="\([0-9]*\)".*/\2/p' "$f" | head -1)
  tests=$((tests + ${t:-0})); failures=$((failures + ${u:-0}))
done
if [ -f build/web-vitest.xml ]; then
  line=$(grep -m1 '<testsuites' build/web-vitest.xml)
  t=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$line")
  u=$(sed -n 's/.* failures="\([0-9]*\)".*/\1/p' <<<"$line")
  e=$(sed -n 's/.* errors="\([0-9]*\)".*/\1/p' <<<"$line")
  tests=$((tests + ${t:-0})); failures=$((failures + ${u:-0} + ${e:-0}))
fi
[ "$web_status" -eq 0 ] || [ -f build/web-vitest.xml ] || { tests=$((tests + 1)); failures=$((failures + 1)); }
tests=$((tests + 1)); failures=$((failures + size_status))
e2e_pass=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' build/web-e2e.tap | tail -1)
e2e_fail=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' build/web-e2e.tap | tail -1)
tests=$((tests + ${e2e_pass:-0} + ${e2e_fail:-0})); failures=$((failures + ${e2e_fail:-0}))
[ "$e2e_status" -eq 0 ] || [ -n "$e2e_fail" ] || { tests=$((tests + 1)); failures=$((failures + 1)); }
echo "tests: $((tests - failures)) passed, ${failures} failed"
[ "$failures" -eq 0 ] && [ "$web_status" -eq 0 ] && [ "$e2e_status" -eq 0 ]
