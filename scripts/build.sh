#!/usr/bin/env bash
# Configures and builds Hearth into build/ (or $HEARTH_BUILD_DIR), and the web front-end into
# web/dist when its sources changed since the last build. Extra arguments go to cmake.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${HEARTH_BUILD_DIR:-build}"
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/hearth-ccache}"
# Paths relative to the checkout, so that another clone (CI's) reuses the same cache entries.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(pwd)}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-true}"
# Room for the release, sanitizer and fuzz builds together (about 10 GB).
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-20G}"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${HEARTH_BUILD_TYPE:-RelWithDebInfo}" "$@" >/dev/null
ninja -C "$build_dir" ${HEARTH_BUILD_TARGETS:-}

# The web front-end: rebuilt only when a source is newer than the last build's index.html (vite
# empties dist/ first, so a failed build is retried next time).
web_sources=(web/src web/public web/index.html web/agent web/ops web/package.json web/package-lock.json web/vite.config.ts web/tsconfig.json)
if [ ! -f web/dist/index.html ] || [ -n "$(find "${web_sources[@]}" -newer web/dist/index.html -print -quit 2>/dev/null)" ]; then
  [ -d web/node_modules ] || (cd web && npm install --no-save --no-audit --no-fund --loglevel=error)
  echo "build: web front-end"
  (cd web && npm run --silent build)
fi
