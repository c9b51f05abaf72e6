#!/usr/bin/env bash
# Installs what building and testing Hearth needs on Debian 12, if it is missing. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev libssl-dev zlib1g-dev libsqlite3-dev libpugixml-dev nlohmann-json3-dev
  libsodium-dev libspdlog-dev libfmt-dev libtomlplusplus-dev libcli11-dev libjemalloc-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-16 libclang-rt-16-dev
  chromium chromium-driver  # the web front-end's browser tests
)
# The web front-end is built with Node.js and npm; a Node.js installed otherwise is used as is.
if ! command -v node >/dev/null 2>&1; then packages+=(nodejs npm); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The web front-end's packages, as locked (package-lock.json is not rewritten), when they are missing or the lock changed.
if [ ! -d web/node_modules ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  echo "setup: installing the web front-end's packages (npm install --no-save)"
  (cd web && npm install --no-save --no-audit --no-fund --loglevel=error)
fi
