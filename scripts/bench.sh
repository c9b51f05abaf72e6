#!/usr/bin/env bash
# Runs the benchmarks in bench/ and prints their results. --quick: a brief run of each (CI).
set -euo pipefail
cd "$(dirname "$0")/.."
quick=0
[ "${1:-}" = "--quick" ] && quick=1
HEARTH_BUILD_TARGETS="" ./scripts/build.sh >/dev/null
min_time=""
[ $quick = 1 ] && min_time="--benchmark_min_time=0.01"
for b in codec_bench store_bench; do
  if [ -x "build/bench/$b" ]; then
    echo "-- $b"
    "build/bench/$b" $min_time
  fi
done
if [ -x build/bench/session_bench ]; then
  echo "-- session_bench"
  if [ $quick = 1 ]; then
    build/bench/session_bench --duration 2 --concurrency 8 --rounds 1
  else
    build/bench/session_bench --duration 10 --warmup 2 --concurrency 64 --rounds 5
  fi
fi
if [ -x build/bench/session_bench ]; then
  echo "-- session_bench --telemetry (diagnosis intake: with / without)"
  if [ $quick = 1 ]; then
    build/bench/session_bench --telemetry --duration 2 --concurrency 8 --devices 2000 --rounds 1
  else
    # A read at every session (the worst case), then the default cadence in compressed time: quiet
    # homes at most once per 5 s while each device has a session every second or two (about one
    # read in four sessions, as hourly reads of homes informing every 15 minutes), then the cost of
    # the read's exchange alone (a one-value answer at every session).
    build/bench/session_bench --telemetry --duration 10 --warmup 2 --concurrency 64 --devices 5000 --rounds 5
    build/bench/session_bench --telemetry --telemetry-quiet-interval 5 --duration 10 --warmup 2 --concurrency 64 \
      --devices 5000 --rounds 5
    build/bench/session_bench --telemetry --telemetry-values 1 --duration 10 --warmup 2 --concurrency 64 \
      --devices 5000 --rounds 3
  fi
fi
if [ -x build/bench/diag_bench ]; then
  echo "-- diag_bench"
  if [ $quick = 1 ]; then
    build/bench/diag_bench --homes 200 --rounds 2
  else
    build/bench/diag_bench
  fi
fi
if [ -x build/bench/outage_bench ]; then
  echo "-- outage_bench"
  if [ $quick = 1 ]; then
    build/bench/outage_bench --homes 100000 --nodes 2000 --regions 50 --passes 10
  else
    build/bench/outage_bench
  fi
fi
if [ -x build/tests/accuracy/diagnosis_accuracy ] && [ $quick = 0 ]; then
  # Full size: default windows and test intervals, 10 homes per scenario type, 300 healthy.
  echo "-- diagnosis_accuracy"
  build/tests/accuracy/diagnosis_accuracy --per-scenario 10 --healthy 300 --inform-interval 60 --settle 2400
fi
if [ -x build/bench/sim_bench ]; then
  echo "-- sim_bench"
  if [ $quick = 1 ]; then
    build/bench/sim_bench --homes 2000 --session-homes 100 --duration 2
  else
    build/bench/sim_bench
  fi
fi
if [ -x build/src/cli/hearth-sim ] && [ -x build/bench/session_bench ]; then
  echo "-- sim_mix"
  if [ $quick = 1 ]; then
    bench/sim_mix.sh 50 3
  else
    bench/sim_mix.sh 2000 60
  fi
fi
if [ -x build/src/cli/hearthd ] && [ -x build/src/cli/hearth-sim ] && command -v node >/dev/null; then
  # The portal's targets on the demo fleet: home page p95 < 100 ms, troubleshooting start p95 < 3 s.
  echo "-- portal_bench"
  if [ $quick = 1 ]; then
    node bench/portal_bench.mjs --quick
  else
    node bench/portal_bench.mjs
  fi
fi
if [ -x build/bench/console_generate ] && [ -x build/src/cli/hearthd ] && command -v node >/dev/null; then
  # The agent console and the operator dashboard on generated stores: customer page p95 < 300 ms
  # at 10,000 homes with a week of telemetry (about 3 MB of store per home), fleet queries
  # p95 < 1 s at 100,000 devices (without telemetry history).
  echo "-- console_bench"
  work=$(mktemp -d)
  if [ $quick = 1 ]; then
    homes=200; fleet_homes=2000; pages=20
  else
    homes=${HEARTH_CONSOLE_HOMES:-10000}; fleet_homes=${HEARTH_FLEET_HOMES:-66700}; pages=300
  fi
  build/bench/console_generate --store "sqlite:$work/console.db" --homes "$homes" >/dev/null
  node bench/console_bench.mjs --store "$work/console.db" --homes "$homes" --pages "$pages" --agents 1 --no-copy
  node bench/console_bench.mjs --store "$work/console.db" --homes "$homes" --pages "$pages" --agents 4 --no-copy
  rm -f "$work"/console.db*
  build/bench/console_generate --store "sqlite:$work/fleet.db" --homes "$fleet_homes" --days 0 --raw-hours 0 \
    --parameters 30 --per-batch 100 >/dev/null
  node bench/console_bench.mjs --store "$work/fleet.db" --homes "$fleet_homes" --fleet --no-copy
  rm -rf "$work"
fi
