#!/bin/bash
# Profiles the relay JVM of one `./bench.sh relay N` run (docs/performance.md, "Relay: one camera, many viewers"):
# per-thread CPU from /proc, perf samples with Java frames, syscall counts per viewer and frame, and a JFR recording.
#
#   flock LOCKFILE benchmarks/profile-relay.sh [VIEWERS (1000)] [OUTDIR (benchmarks/target/relay-profile)]
#
# Needs perf (Debian: linux-perf) and root or kernel.perf_event_paranoid <= 1. The measured window of the bench
# starts about 15 s after the relay JVM does (camera, route, viewers connecting, 10 s warm-up) and lasts 20 s; the
# profile takes 15 s of it. The profile's own cost is in that run's numbers: take the table from runs without it.
set -euo pipefail
cd "$(dirname "$0")/.."
viewers=${1:-1000}
out=$(realpath -m "${2:-benchmarks/target/relay-profile}")
fps=10
mkdir -p "$out"
BENCH_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+PreserveFramePointer -XX:+DumpPerfMapAtExit \
-XX:StartFlightRecording=delay=15s,duration=15s,filename=$out/relay.jfr,settings=profile" \
  ./bench.sh relay "$viewers" > "$out/bench.txt" 2>&1 &
bench=$!
until pid=$(pgrep -n -f "BenchMain relay"); do
  kill -0 "$bench" 2>/dev/null || { cat "$out/bench.txt"; exit 1; }
  sleep 0.5
done
sleep 15

thread_ticks() { # tid, name, utime+stime in clock ticks
  for task in /proc/"$pid"/task/*; do
    printf '%s\t%s\t%s\n' "${task##*/}" "$(cat "$task/comm")" "$(awk '{print $14 + $15}' "$task/stat")"
  done
}
thread_ticks > "$out/threads-start.tsv"
perf record -F 499 -g -p "$pid" -o "$out/perf.data" -- sleep 10 2> /dev/null
perf stat -x, -e syscalls:sys_enter_write,syscalls:sys_enter_epoll_ctl,syscalls:sys_enter_epoll_wait \
  -p "$pid" -o "$out/syscalls.csv" -- sleep 5
thread_ticks > "$out/threads-end.tsv"
wait "$bench"

grep '^| [0-9]' "$out/bench.txt"
echo "CPU by thread over the 15 s profiled (% of one core):"
hz=$(getconf CLK_TCK)
awk -F'\t' -v hz="$hz" 'NR == FNR { start[$1] = $3; next }
  $3 - start[$1] > 0 { printf "  %5.1f %%  %s (tid %s)\n", 100 * ($3 - start[$1]) / hz / 15, $2, $1 }' \
  "$out/threads-start.tsv" "$out/threads-end.tsv" | sort -rn | head -8
echo "syscalls per viewer and frame (5 s, $viewers viewers at $fps fps):"
awk -F, -v n="$viewers" -v fps="$fps" '$3 ~ /syscalls/ { sub("syscalls:sys_enter_", "", $3);
  printf "  %-10s %8d  %.2f\n", $3, $1, $1 / (5 * n * fps) }' "$out/syscalls.csv"
echo "where the I/O threads' samples went:"
perf script -i "$out/perf.data" -F comm,ip,sym 2> /dev/null | awk '
  /^[^ \t]/ { if (stack != "") count(); comm = $0; stack = " "; leaf = ""; next }
  /^$/ { if (stack != "") count(); stack = ""; next }
  { if (leaf == "") leaf = $0; stack = stack " | " $0 }
  function count() {
    if (comm !~ /^mjpeg-relay/) return
    n++
    if (stack ~ /write0|libc_write/) what["write()"]++
    else if (stack ~ /epoll_ctl|EPoll.ctl/) what["epoll_ctl()"]++
    else if (stack ~ /epoll_wait|EPoll.wait/) what["epoll_wait()"]++
    else if (leaf ~ /StubRoutines \(2\)|copyMemory|memmove|memcpy/) what["memory copy"]++
    else what["other (event dispatch, HttpCore, selector)"]++
  }
  END { for (w in what) printf "  %5.1f %%  %s\n", 100 * what[w] / n, w; printf "  (%d samples)\n", n }' | sort -rn
