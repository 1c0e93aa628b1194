#!/usr/bin/env bash
# What reading a loopback socket instead of a file costs the same code: `bench read-cost` on one file, read from the
# file and from `bench serve` over loopback (a plain socket, no HttpClient, no route), the two alternated, each run in
# its own JVM with the bench's settings (a pass of warm-up, then --passes passes, median). Files with and without
# Content-Length; modes `read` (the reads alone) and `parse` (the consumer's StreamReader and parser). The reading
# thread's CPU per GB is split into user and kernel time: the same compiled code on the same bytes and read sizes, so
# a difference in user time is the machine's, not the parser's.
#
#   bash benchmarks/socket-cost.sh [--mb 1396] [--resolution 1280x720] [--rounds 2] [--passes 5] [--port 8091]
#                                  [--sender-cc cubic|system|ALGORITHM]
#
#   --sender-cc  the loopback sender's TCP congestion control (default cubic, as a camera's Linux; see
#                benchmarks/sender-cc.sh: with bbr its pacing work lands on the reader's core)
#
# Writes benchmarks/target/socket-cost-<UTC time>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=1396
resolution=1280x720
rounds=2
passes=5
port=8091
wanted_cc=cubic
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) mb=$2; shift 2 ;;
    --resolution) resolution=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --passes) passes=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --sender-cc) wanted_cc=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
./bench.sh >/dev/null 2>&1 || true # builds once
export BENCH_BUILT=1 # and not again inside a timed run, whatever changes in the sources meanwhile
work=$(mktemp -d)
server=
source benchmarks/sender-cc.sh
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; sender_cc_restore; }
trap cleanup EXIT
sender_cc_apply "$wanted_cc" # before the server's socket is made: it takes the setting of its time
mkdir -p benchmarks/target
report=benchmarks/target/socket-cost-$(date -u +%Y%m%dT%H%M%SZ).md

./bench.sh generate "$work/cl.mjpg" --mb "$mb" --resolution "$resolution" >/dev/null
./bench.sh generate "$work/nocl.mjpg" --mb "$mb" --resolution "$resolution" --no-content-length >/dev/null
cat "$work"/*.mjpg >/dev/null # into the page cache
./bench.sh serve "$work" --port "$port" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q serving "$work/serve.log" && break; sleep 0.2; done
grep -q serving "$work/serve.log" || { echo "bench serve did not start on port $port" >&2; exit 1; }

{
  echo "| file | mode | source | round | thread CPU s per GB (median, least) | of it user | of it kernel |"
  echo "|---|---|---|---|---|---|---|"
} > "$report"
for round in $(seq "$rounds"); do
  for file in cl nocl; do
    for mode in read parse; do
      for source in file socket; do
        from=()
        [ $source = socket ] && from=(--from-port "$port")
        line=$(./bench.sh read-cost "$work/$file.mjpg" --mode $mode --passes "$passes" "${from[@]}" | grep '^RESULT')
        echo "round $round: $file $line" >&2
        eval "$(echo "$line" | tr ' ' '\n' | grep = )"
        printf "| %s | %s | %s | %d | %.3f (%.3f) | %.3f | %.3f |\n" \
          "$([ $file = cl ] && echo "with Content-Length" || echo "without")" "$mode" "$source" "$round" \
          "$thread_cpu_s_per_gb" "$thread_min" "$thread_user_s_per_gb" \
          "$(echo "$thread_cpu_s_per_gb - $thread_user_s_per_gb" | bc -l)" >> "$report"
      done
    done
  done
done
{
  echo
  echo "$(nproc) cores; $(java -version 2>&1 | head -1); ${resolution} frames, ${mb} MB files; reads of 64 KB;" \
       "$rounds rounds of $passes passes; sender's TCP congestion control $sender_cc; $(date -u '+%F %H:%M UTC')."
} >> "$report"
cat "$report"
