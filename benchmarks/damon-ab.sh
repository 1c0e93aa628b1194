#!/usr/bin/env bash
# A latency bench run with the kernel's DAMON memory reclaim (kdamond) as found, then stopped, to tell the measured
# JVM's tail from a VM's housekeeping: `cameras` (N cameras into one consumer JVM) or `relay` (one camera relayed to
# N viewers), the measured JVM and the farms on cores of their own. Some virtual machines (Firecracker guests among
# them) run a DAMON "pageout" scheme that scans the guest's memory in bursts of CPU on any core; this script stops it
# for the "off" runs and puts back the state it found, also when interrupted. Needs root and a kernel with DAMON's
# sysfs interface; changes nothing else.
#
#   bash benchmarks/damon-ab.sh cameras|relay [N=1000] [--runs 3]   (runs per state)
#
# Each run writes its report as ./bench.sh does (benchmarks/target/<bench>-<time>.md); this prints one line per run.
set -euo pipefail
cd "$(dirname "$0")/.."
bench=${1:-}
case "$bench" in
  cameras|relay) shift ;;
  *) echo "usage: bash benchmarks/damon-ab.sh cameras|relay [N=1000] [--runs 3]" >&2; exit 2 ;;
esac
n=1000
runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    [0-9]*) n=$1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
state=/sys/kernel/mm/damon/admin/kdamonds/0/state
if [ ! -w "$state" ]; then
  echo "no DAMON kdamond to switch here ($state): run ./bench.sh $bench $n alone" >&2; exit 1
fi
found=$(cat "$state")
restore() { [ "$(cat "$state")" = "$found" ] || echo "$found" > "$state"; }
trap restore EXIT
switch() { [ "$(cat "$state")" = "$1" ] || echo "$1" > "$state"; }
export BENCH_JAVA_OPTS="-Dbench.selfCpus=0 -Dbench.farmCpus=1 ${BENCH_JAVA_OPTS:-}"
# the columns of each bench's report row that answer "lost, tail, cost"
if [ "$bench" = cameras ]; then
  line='{ printf "run %s, DAMON %-3s: lost%s p50%s p99%s p99.9%s consumer CPU%s consumer share p50 / p99%s\n",
          r, d, $7, $9, $10, $11, $13, $22 }'
else
  line='{ printf "run %s, DAMON %-3s: frames/s per viewer%s p50%s p99%s p99.9%s max%s drops%s relay CPU%s\n",
          r, d, $3, $4, $5, $6, $7, $8, $11 }'
fi
run() { # DAMON state -> one line per run
  for round in $(seq "$runs"); do
    ./bench.sh "$bench" "$n" 2>&1 | grep -E "^\| $n \|" | awk -F'|' -v r="$round" -v d="$1" "$line"
  done
}
# the runs with DAMON as found first: once stopped and started again it is calm for minutes (its scheme starts
# from nothing), so runs right after a restart would not show it as it usually runs
[ "$found" = on ] && run on
switch off
run off
