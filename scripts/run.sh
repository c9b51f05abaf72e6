#!/usr/bin/env bash
# The demo: builds Hearth and runs hearthd on a SQLite store in ./demo-data, printing where it
# listens and an admin API token. Ctrl-C stops it cleanly.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
HEARTH_BUILD_TARGETS=hearthd ./scripts/build.sh
mkdir -p demo-data
token_file=demo-data/admin-token
if [ ! -s "$token_file" ]; then
  head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=' > "$token_file"
  chmod 600 "$token_file"
fi
token="$(cat "$token_file")"
cwmp="${HEARTH_CWMP_LISTEN:-0.0.0.0:7547}"
http="${HEARTH_HTTP_LISTEN:-0.0.0.0:8080}"

HEARTH_BOOTSTRAP_TOKEN="$token" build/src/cli/hearthd --cwmp-listen "$cwmp" --http-listen "$http" \
  --store sqlite:demo-data/hearth.db > demo-data/listening.json &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid' INT TERM
for _ in $(seq 1 100); do
  [ -s demo-data/listening.json ] && break
  kill -0 $pid 2>/dev/null || { echo "hearthd failed to start"; exit 1; }
  sleep 0.1
done
http_addr=$(sed -n 's/.*"http":"\([^"]*\)".*/\1/p' demo-data/listening.json)
cwmp_addr=$(sed -n 's/.*"cwmp":"\([^"]*\)".*/\1/p' demo-data/listening.json)
cat <<MSG

Hearth is running (pid $pid).
  CWMP (point your gateways' ACS URL here): http://${cwmp_addr/0.0.0.0/127.0.0.1}/
  API:                                      http://${http_addr/0.0.0.0/127.0.0.1}/api/v1/devices
  OpenAPI document:                         http://${http_addr/0.0.0.0/127.0.0.1}/api/openapi.json
  Metrics:                                  http://${http_addr/0.0.0.0/127.0.0.1}/metrics
  Admin API token:                          $token
    e.g. curl -H "Authorization: Bearer $token" http://${http_addr/0.0.0.0/127.0.0.1}/api/v1/devices
Press Ctrl-C to stop.
MSG
wait $pid
