#!/usr/bin/env bash
# The demo: builds Hearth, runs hearthd on a SQLite store in ./demo-data and hearth-sim with about
# 200 simulated homes over several access nodes with a mix of problems (scenarios/demo.json),
# imports the subscribers and the topology, and prints where to look and how to log in.
# Ctrl-C stops everything cleanly. HEARTH_DEMO_HOMES changes the number of homes.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
HEARTH_BUILD_TARGETS="hearthd hearth hearth-sim" ./scripts/build.sh
mkdir -p demo-data
token_file=demo-data/admin-token
if [ ! -s "$token_file" ]; then
  head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=' > "$token_file"
  chmod 600 "$token_file"
fi
token="$(cat "$token_file")"
homes="${HEARTH_DEMO_HOMES:-200}"
seed="${HEARTH_DEMO_SEED:-7}"
cwmp="${HEARTH_CWMP_LISTEN:-0.0.0.0:7547}"
http="${HEARTH_HTTP_LISTEN:-0.0.0.0:8080}"

sim_pid=""
hearthd_pid=""
stop() {
  [ -n "$sim_pid" ] && kill -TERM "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null || true
  [ -n "$hearthd_pid" ] && kill -TERM "$hearthd_pid" 2>/dev/null && wait "$hearthd_pid" 2>/dev/null || true
  echo "stopped"
}
trap 'stop; exit 0' INT TERM

wait_for_line() {  # FILE PID WHAT
  for _ in $(seq 1 300); do
    [ -s "$1" ] && return 0
    kill -0 "$2" 2>/dev/null || { echo "$3 failed to start (see demo-data/*.log)"; stop; exit 1; }
    sleep 0.1
  done
  echo "$3 did not start in time"; stop; exit 1
}

rm -f demo-data/listening.json demo-data/sim-running.json
HEARTH_BOOTSTRAP_TOKEN="$token" build/src/cli/hearthd --cwmp-listen "$cwmp" --http-listen "$http" \
  --store sqlite:demo-data/hearth.db --files-dir demo-data/files --config config/demo.toml \
  > demo-data/listening.json 2> demo-data/hearthd.log &
hearthd_pid=$!
wait_for_line demo-data/listening.json "$hearthd_pid" hearthd
http_addr=$(sed -n 's/.*"http":"\([^"]*\)".*/\1/p' demo-data/listening.json)
cwmp_addr=$(sed -n 's/.*"cwmp":"\([^"]*\)".*/\1/p' demo-data/listening.json)
http_url="http://${http_addr/0.0.0.0/127.0.0.1}"
cwmp_url="http://${cwmp_addr/0.0.0.0/127.0.0.1}/"

# Subscribers, homes and topology: written by the simulator, imported into hearthd.
build/src/cli/hearth-sim --homes "$homes" --seed "$seed" --export demo-data/fleet.json
build/src/cli/hearth --url "$http_url" --token "$token" import demo-data/fleet.json

build/src/cli/hearth-sim --acs "$cwmp_url" --homes "$homes" --seed "$seed" --inform-interval 120 \
  --scenario scenarios/demo.json --truth demo-data/truth.json \
  --line-events "$http_url/api/v1/line-events" --line-events-token "$token" \
  > demo-data/sim-running.json 2> demo-data/hearth-sim.log &
sim_pid=$!
wait_for_line demo-data/sim-running.json "$sim_pid" hearth-sim

# A few demo subscribers with their initial portal passwords (the import file is one line).
logins=$(grep -o '"account":"[0-9]*","name":"[^"]*","email":"[^"]*","address":{[^}]*},"password":"[^"]*"' \
  demo-data/fleet.json | sed -n '1,3p' |
  sed 's/"account":"\([^"]*\)","name":"\([^"]*\)","email":"\([^"]*\)".*"password":"\([^"]*\)"/    \2: account \1 or \3, password \4/')
cat <<MSG

Hearth demo is running: hearthd (pid $hearthd_pid) and $homes simulated homes (pid $sim_pid).
  API:                 $http_url/api/v1/devices   (and /api/v1/homes, /api/v1/access-nodes)
  OpenAPI document:    $http_url/api/openapi.json
  Metrics:             $http_url/metrics
  CWMP (ACS URL):      $cwmp_url
  Diagnosis:           $http_url/api/v1/diagnosis/summary   (fleet: causes, health, worst homes)
                       $http_url/api/v1/homes/home-000001/diagnosis   (one home: cause, findings, health)
    or: build/src/cli/hearth --url $http_url --token $token fleet
        build/src/cli/hearth --url $http_url --token $token diagnosis home-000001
  Incidents:           $http_url/api/v1/incidents   (access node an-02 goes dark 5 minutes in, for 15)
                       $http_url/api/v1/homes/<a home of an-02>/status   (what its customer is told)
    or: build/src/cli/hearth --url $http_url --token $token incidents
  Admin API token:     $token
    e.g. curl -H "Authorization: Bearer $token" $http_url/api/v1/homes
  Demo subscribers (initial portal passwords):
$logins
  Injected problems (ground truth): demo-data/truth.json; logs: demo-data/*.log
Press Ctrl-C to stop.
MSG
wait "$hearthd_pid"
