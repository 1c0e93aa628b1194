#!/usr/bin/env bash
# N cameras into one consumer JVM (./bench.sh cameras N, measured JVM and camera farm on cores of their own), with
# the kernel's DAMON memory reclaim (kdamond) running as found, then stopped, to tell the consumer's tail from a
# VM's housekeeping. Some virtual machines (Firecracker guests among them) run a DAMON "pageout" scheme that scans the
# guest's memory in bursts of CPU on any core; this script stops it for the "off" runs and puts back the state it
# found, also when interrupted. Needs root and a kernel with DAMON's sysfs interface; changes nothing else.
#
#   bash benchmarks/cameras-damon-ab.sh [N=1000] [--runs 3]   (runs per state)
#
# Each run writes its report as ./bench.sh cameras does (benchmarks/target/cameras-<time>.md); this prints one line
# per run: DAMON's state, lost, p50, p99, p99.9, consumer CPU, the consumer's own share of the latency.
set -euo pipefail
cd "$(dirname "$0")/.."
cameras=1000
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    [0-9]*) cameras=$1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
state=/sys/kernel/mm/damon/admin/kdamonds/0/state
if [ ! -w "$state" ]; then
  echo "no DAMON kdamond to switch here ($state): run ./bench.sh cameras $cameras alone" >&2; exit 1
fi
found=$(cat "$state")
restore() { [ "$(cat "$state")" = "$found" ] || echo "$found" > "$state"; }
trap restore EXIT
switch() { [ "$(cat "$state")" = "$1" ] || echo "$1" > "$state"; }
export BENCH_JAVA_OPTS="-Dbench.selfCpus=0 -Dbench.farmCpus=1 ${BENCH_JAVA_OPTS:-}"
run() { # DAMON state -> one line per run
  for round in $(seq "$runs"); do
    ./bench.sh cameras "$cameras" 2>&1 | grep -E "^\| $cameras \|" | awk -F'|' -v r="$round" -v d="$1" \
      '{ printf "run %s, DAMON %-3s: lost%s p50%s p99%s p99.9%s consumer CPU%s consumer share p50 / p99%s\n",
         r, d, $7, $9, $10, $11, $13, $22 }'
  done
}
# the runs with DAMON as found first: once stopped and started again it is calm for minutes (its scheme starts
# from nothing), so runs right after a restart would not show it as it usually runs
[ "$found" = on ] && run on
switch off
run off
