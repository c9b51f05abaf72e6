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

# Staff for the agent console and the operator dashboard: an agent and an operator, with
# passwords made on the first run and kept in demo-data/ (a later run sets them again).
staff_file=demo-data/staff-passwords
if [ ! -s "$staff_file" ]; then
  { echo "agent $(head -c 12 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
    echo "operator $(head -c 12 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"; } > "$staff_file"
  chmod 600 "$staff_file"
fi
agent_password=$(awk '$1 == "agent" { print $2 }' "$staff_file")
operator_password=$(awk '$1 == "operator" { print $2 }' "$staff_file")
ensure_staff() {  # LOGIN ROLE NAME PASSWORD: added, or (kept from an earlier run) given this password
  local id
  HEARTH_USER_PASSWORD="$4" build/src/cli/hearth --url "$http_url" --token "$token" \
    users add --login "$1" --role "$2" --name "$3" >/dev/null 2>&1 && return 0
  id=$(build/src/cli/hearth --url "$http_url" --token "$token" users list | awk -v l="$1" 'NR > 1 && $2 == l { print $1 }')
  [ -n "$id" ] || { echo "run: cannot add the demo user $1" >&2; exit 1; }
  HEARTH_USER_PASSWORD="$4" build/src/cli/hearth --url "$http_url" --token "$token" \
    users update "$id" --role "$2" --enable >/dev/null
}
ensure_staff agent agent "Alex Agent" "$agent_password"
ensure_staff operator operator "Olga Operator" "$operator_password"

build/src/cli/hearth-sim --acs "$cwmp_url" --homes "$homes" --seed "$seed" --inform-interval 120 \
  --scenario scenarios/demo.json --truth demo-data/truth.json \
  --line-events "$http_url/api/v1/line-events" --line-events-token "$token" \
  > demo-data/sim-running.json 2> demo-data/hearth-sim.log &
sim_pid=$!
wait_for_line demo-data/sim-running.json "$sim_pid" hearth-sim

# Three demo customers for the portal: a healthy home, one with a Wi-Fi problem (a congested
# channel) and one behind access node an-02, which goes dark 5 minutes in.
for _ in $(seq 1 50); do [ -s demo-data/truth.json ] && break; sleep 0.1; done
home_list=$(grep -o '"id":"home-[0-9]*","account":"[0-9]*","accessNode":"[^"]*"' demo-data/fleet.json |
  sed 's/"id":"\([^"]*\)","account":"\([^"]*\)","accessNode":"\([^"]*\)"/\1 \2 \3/')
in_truth() { grep -q "\"homeId\": *\"$1\"" demo-data/truth.json 2>/dev/null; }
healthy="" wifi="" outage=""
wifi=$(grep -A4 '"homeId"' demo-data/truth.json 2>/dev/null | awk '
  /"homeId"/ { gsub(/[",]/, "", $2); h = $2 } /"accessNode"/ { gsub(/[",]/, "", $2); n = $2 }
  /"scenario": "congested-channel"/ && n != "an-02" { print h; exit }')
while read -r id account node; do
  [ -z "$outage" ] && [ "$node" = "an-02" ] && outage="$id"
  [ -z "$healthy" ] && [ "$node" != "an-02" ] && ! in_truth "$id" && healthy="$id"
done <<<"$home_list"
login_line() {  # LABEL HOME
  [ -n "$2" ] || return 0
  local account
  account=$(awk -v h="$2" '$1 == h { print $2 }' <<<"$home_list")
  grep -o "\"account\":\"$account\",\"name\":\"[^\"]*\",\"email\":\"[^\"]*\",\"address\":{[^}]*},\"password\":\"[^\"]*\"" demo-data/fleet.json |
    sed "s/\"account\":\"\([^\"]*\)\",\"name\":\"\([^\"]*\)\",\"email\":\"\([^\"]*\)\".*\"password\":\"\([^\"]*\)\"/    $1 \2, account \1 or \3, password \4/"
}
logins="$(login_line "healthy home:       " "$healthy")
$(login_line "Wi-Fi problem:      " "$wifi")
$(login_line "behind failed node: " "$outage")"

cat <<MSG

Hearth demo is running: hearthd (pid $hearthd_pid) and $homes simulated homes (pid $sim_pid).
  Customer portal:     $http_url/   (log in with a demo customer below)
  Agent console:       $http_url/agent/   login agent, password $agent_password
  Operator dashboard:  $http_url/ops/     login operator, password $operator_password
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
  Demo customers for the portal (account or email, and password):
$logins
  Injected problems (ground truth): demo-data/truth.json; logs: demo-data/*.log
Press Ctrl-C to stop.
MSG
wait "$hearthd_pid"
