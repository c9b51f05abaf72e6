#!/usr/bin/env bash
# Configures and builds Hearth into build/ (or $HEARTH_BUILD_DIR). Extra arguments go to cmake.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${HEARTH_BUILD_DIR:-build}"
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/hearth-ccache}"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${HEARTH_BUILD_TYPE:-RelWithDebInfo}" "$@" >/dev/null
ninja -C "$build_dir" ${HEARTH_BUILD_TARGETS:-}
