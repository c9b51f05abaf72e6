#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-16 and runs the SOAP codec fuzzer.
#   scripts/fuzz.sh [SECONDS]      (default 30)
# The checked-in corpus (tests/fuzz/corpus/soap) is copied first, so a run never changes it;
# crashing inputs are left in the build directory (crash-*, leak-*, timeout-*) and the script
# exits non-zero. Add each one to tests/data/cwmp/ and the corpus as a regression fixture.
set -euo pipefail

seconds="${1:-30}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${root}/build-fuzz"
jobs="${FUZZ_BUILD_JOBS:-2}"

launcher=()
if command -v ccache >/dev/null 2>&1; then
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi

CC=clang-16 CXX=clang++-16 cmake -S "${root}" -B "${build}" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHEARTH_FUZZ=ON "${launcher[@]}" >/dev/null
ninja -C "${build}" -j "${jobs}" soap_parser_fuzz

work="${build}/fuzz-run"
rm -rf "${work}"
mkdir -p "${work}/corpus"
cp "${root}"/tests/fuzz/corpus/soap/* "${work}/corpus/"

cd "${build}"
status=0
"${build}/tests/fuzz/soap_parser_fuzz" "${work}/corpus" \
  -dict="${root}/tests/fuzz/soap.dict" \
  -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -max_total_time="${seconds}" -print_final_stats=1 || status=$?

if [ "${status}" -ne 0 ]; then
  echo "fuzz: soap_parser_fuzz failed (exit ${status}); see crash-* in ${build}" >&2
fi
exit "${status}"
