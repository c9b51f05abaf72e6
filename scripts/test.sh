#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, runs the unit and integration tests, a
# short fuzz run of the SOAP parser, and each benchmark briefly (so they keep compiling and run).
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
echo "tests: $((tests - failures)) passed, ${failures} failed"
