#!/usr/bin/env bash
# hearthd's session rate with the simulator's realistic mix (first contact with tree discovery,
# boots, periodic informs, every vendor model and its quirks), against the trivial reference
# server of bench/session_bench (a fixed InformResponse, then 204), in the same run.
# Usage: bench/sim_mix.sh [HOMES] [SECONDS]   (defaults 500 and 30). Prints one JSON line.
set -euo pipefail
cd "$(dirname "$0")/.."
homes="${1:-500}"
seconds="${2:-30}"
build=build
work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null && wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

start_server() {  # NAME COMMAND...: starts a server printing the "listening" line; sets $cwmp
  local name=$1; shift
  "$@" > "$work/$name.json" 2> "$work/$name.log" &
  pids+=($!)
  for _ in $(seq 1 100); do [ -s "$work/$name.json" ] && break; sleep 0.1; done
  cwmp=$(sed -n 's/.*"cwmp":"\([^"]*\)".*/\1/p' "$work/$name.json")
  [ -n "$cwmp" ] || { echo "$name did not start"; cat "$work/$name.log"; exit 1; }
}

load() {  # URL: one load run, prints its summary line
  "$build/src/cli/hearth-sim" --acs "$1" --homes "$homes" --seed 1 --load --duration "$seconds" \
    2> "$work/sim.log" | tail -1
}

start_server hearthd "$build/src/cli/hearthd" --cwmp-listen 127.0.0.1:0 --http-listen 127.0.0.1:0 \
  --store "sqlite:$work/hearth.db" --config config/demo.toml --log-level warn
hearthd_summary=$(load "http://$cwmp/")
start_server trivial "$build/bench/session_bench" --trivial-server --cwmp-listen 127.0.0.1:0
trivial_summary=$(load "http://$cwmp/")

rate() { sed -n 's/.*"sessionsPerSecond":\([0-9.]*\).*/\1/p' <<< "$1"; }
ratio=$(awk -v a="$(rate "$hearthd_summary")" -v b="$(rate "$trivial_summary")" \
  'BEGIN { if (b > 0) printf "%.3f", a / b; else print "null" }')
echo "{\"bench\":\"sim-mix\",\"homes\":$homes,\"seconds\":$seconds,\"hearthd\":$hearthd_summary,\"trivial\":$trivial_summary,\"ratio\":$ratio}"
