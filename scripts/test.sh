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
(cd build && ctest --output-on-failure -j"$jobs" --timeout 900)

if [ "${HEARTH_SANITIZE:-0}" = "1" ]; then
  echo "== tests under ASan+UBSan"
  HEARTH_BUILD_DIR=build-asan HEARTH_BUILD_TYPE=Debug ./scripts/build.sh -DHEARTH_SANITIZE=ON -DHEARTH_BUILD_BENCH=OFF
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j"$jobs" --timeout 1800)
fi

echo "== fuzz (short run)"
./scripts/fuzz.sh "${HEARTH_FUZZ_SECONDS:-30}"

echo "== benchmarks (short run)"
./scripts/bench.sh --quick
