#!/usr/bin/env bash
# hearthd's resident memory with DEVICES registered devices (each with a full ~1,000-parameter
# tree in SQLite) that are not in a session. Generates the store with store_generate, starts
# hearthd on it (one network thread), runs a short burst of periodic sessions for a sample of the
# devices (one session each) with session_bench --acs, waits for those sessions to end, then reads VmRSS and VmHWM
# from /proc/PID/status. Prints a summary to stderr and one JSON line to stdout; exits 1 when
# VmRSS is not under the limit.
#
#   bench/memory_bench.sh [DEVICES]            (default 100000)
# Environment:
#   HEARTH_BUILD_DIR       build directory with the tools (default: build)
#   HEARTH_MEMORY_STORE    keep the generated store at this path and reuse it when it exists
#                          (generating 100,000 full trees takes a while)
#   HEARTH_MEMORY_SAMPLE   devices in the burst, one session each, spread over the fleet
#                          (default: 10000)
#   HEARTH_MEMORY_SECONDS  the longest the burst may take (default: 120)
#   HEARTH_MEMORY_LIMIT_MIB  the bar (default: 200)
set -euo pipefail
cd "$(dirname "$0")/.."

devices="${1:-100000}"
build="${HEARTH_BUILD_DIR:-build}"
sample="${HEARTH_MEMORY_SAMPLE:-10000}"
max_seconds="${HEARTH_MEMORY_SECONDS:-120}"
limit_mib="${HEARTH_MEMORY_LIMIT_MIB:-200}"
if ! [ "$devices" -ge 1 ] 2>/dev/null; then
  echo "usage: bench/memory_bench.sh [DEVICES]" >&2
  exit 2
fi
if [ "$sample" -gt "$devices" ]; then sample="$devices"; fi
stride=$(( devices / sample ))

for tool in src/cli/hearthd bench/store_generate bench/session_bench; do
  if [ ! -x "$build/$tool" ]; then
    echo "memory_bench: $build/$tool is missing: build it first (ninja -C $build hearthd store_generate session_bench)" >&2
    exit 2
  fi
done

work="$(mktemp -d "${TMPDIR:-/tmp}/hearth-memory-XXXXXX")"
pid=""
cleanup() {
  if [ -n "$pid" ]; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

store="${HEARTH_MEMORY_STORE:-$work/hearth.db}"
generated="null"
if [ -s "$store" ]; then
  echo "memory_bench: reusing $store" >&2
else
  echo "memory_bench: generating $devices devices into $store" >&2
  generated="$("$build/bench/store_generate" --store "sqlite:$store" --devices "$devices")"
fi
db_bytes=$(( $(stat -c %s "$store") + $(stat -c %s "$store-wal" 2>/dev/null || echo 0) ))

# The configuration of the session benchmark: one network thread, no discovery, no credentials.
cat >"$work/hearthd.toml" <<'EOF'
[cwmp]
threads = 1
discover_trees = false
set_connection_request_credentials = false
[auth]
require = false
issue_device_credentials = false
EOF

"$build/src/cli/hearthd" --cwmp-listen 127.0.0.1:0 --http-listen 127.0.0.1:0 --store "sqlite:$store" \
  --config "$work/hearthd.toml" --log-level warn >"$work/hearthd.out" 2>"$work/hearthd.err" &
pid=$!
for _ in $(seq 1 600); do
  grep -q '"event":"listening"' "$work/hearthd.out" && break
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "memory_bench: hearthd exited before listening:" >&2
    cat "$work/hearthd.err" >&2
    pid=""
    exit 1
  fi
  sleep 0.1
done
cwmp="$(sed -n 's/.*"cwmp":"\([^"]*\)".*/\1/p' "$work/hearthd.out" | head -n 1)"
if [ -z "$cwmp" ]; then
  echo "memory_bench: hearthd did not print its listening line" >&2
  exit 1
fi

status_kib() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$pid/status"; }
rss_started_kib="$(status_kib VmRSS)"

# The devices store_generate wrote: OUI 202BC1, ProductClass BM632w, serials HRTH + 10 digits.
load_status=0
load="$("$build/bench/session_bench" --acs "http://$cwmp/" --devices "$sample" --device-stride "$stride" \
          --serial-prefix HRTH --serial-digits 10 --oui 202BC1 --product-class BM632w \
          --sessions "$sample" --duration "$max_seconds" --warmup 0 --concurrency 32)" || load_status=$?
# Every session of the burst has ended (each got its 204); the devices are idle now.
rss_kib="$(status_kib VmRSS)"
hwm_kib="$(status_kib VmHWM)"
threads="$(status_kib Threads)"

kill -TERM "$pid"
wait "$pid" || true
pid=""

mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
under=$([ $(( rss_kib / 1024 )) -lt "$limit_mib" ] && echo true || echo false)
sessions_per_s="$(printf '%s' "$load" | sed -n 's/.*"sessions_per_s":\([0-9.]*\).*/\1/p')"
errors="$(printf '%s' "$load" | sed -n 's/.*"errors":\([0-9]*\).*/\1/p')"
echo "memory_bench: $devices devices ($(mib $(( db_bytes / 1024 ))) MiB store), burst of ${sessions_per_s:-?} sessions/s over $sample devices (errors ${errors:-?}): VmRSS $(mib "$rss_kib") MiB (at start $(mib "$rss_started_kib") MiB), VmHWM $(mib "$hwm_kib") MiB; limit $limit_mib MiB" >&2
printf '{"bench":"memory","devices":%s,"db_bytes":%s,"sample_devices":%s,"burst_sessions_per_s":%s,"burst_errors":%s,"vm_rss_start_kib":%s,"vm_rss_kib":%s,"vm_hwm_kib":%s,"vm_rss_mib":%s,"vm_hwm_mib":%s,"threads":%s,"limit_mib":%s,"under_limit":%s,"generate":%s}\n' \
  "$devices" "$db_bytes" "$sample" "${sessions_per_s:-null}" "${errors:-null}" "$rss_started_kib" "$rss_kib" \
  "$hwm_kib" "$(mib "$rss_kib")" "$(mib "$hwm_kib")" "$threads" "$limit_mib" "$under" "$generated"
[ "$load_status" = 0 ] || { echo "memory_bench: the session burst failed" >&2; exit 1; }
[ "$under" = true ]
