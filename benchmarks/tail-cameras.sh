#!/bin/bash
# Where the latency tail of `./bench.sh cameras N` comes from (docs/performance.md, "Many cameras in one JVM"): runs
# the bench with the consumer and the camera farm on cores of their own, records the scheduler on the consumer's core
# (perf sched, CLOCK_MONOTONIC like the bench's stamps) for 10 s of the measured window, and sorts every frame later
# than 5 ms by what it waited through. Frames already late when the farm wrote them (this JVM's share under 5 ms)
# are counted apart; of the others, a frame is put on a collection of the consumer JVM if one ran while it waited or
# in the 50 ms before (the backlog a pause leaves: at half a core busy, 25 ms of stall take 25 ms more to catch up),
# else on other processes if their tasks took 2 ms or more of the consumer's core in that span, else on neither.
#
#   flock LOCKFILE benchmarks/tail-cameras.sh [CAMERAS (1000)] [OUTDIR (benchmarks/target/tail-cameras)]
#
# Needs perf (Debian: linux-perf) and root or kernel.perf_event_paranoid <= 1; perf itself runs on the farm's core.
set -euo pipefail
cd "$(dirname "$0")/.."
cameras=${1:-1000}
out=$(realpath -m "${2:-benchmarks/target/tail-cameras}")
mkdir -p "$out"
rm -f "$out/late.txt"
BENCH_JAVA_OPTS="-Dbench.selfCpus=0 -Dbench.farmCpus=1 -Dbench.lateFrames=$out/late.txt ${BENCH_JAVA_OPTS:-}" \
  ./bench.sh cameras "$cameras" > "$out/bench.txt" 2>&1 &
bench=$!
until grep -q "measuring for" "$out/bench.txt" 2>/dev/null; do
  kill -0 "$bench" 2>/dev/null || { cat "$out/bench.txt"; exit 1; }
  sleep 0.2
done
pid=$(pgrep -n -f "BenchMain cameras")
sleep 2
taskset -c 1 perf sched record -k CLOCK_MONOTONIC -C 0 -o "$out/sched.data" -- sleep 10 2> /dev/null
wait "$bench"
perf sched timehist -i "$out/sched.data" 2> /dev/null > "$out/timehist.txt"

grep '^| [0-9]' "$out/bench.txt"
python3 - "$out/timehist.txt" "$out/late.txt" "$pid" <<'PY'
import re, sys
timehist, late_file, consumer = sys.argv[1], sys.argv[2], sys.argv[3]
BACKLOG, FOREIGN_MIN, LATE = 0.050, 0.002, 0.005
# "  26583.525724 [0000]  Camel (camel-2)[10558/9519]  50.807  0.006  0.076": end of a run, task, wait, delay, run
line = re.compile(r"^\s*(\d+\.\d+)\s+\[\d+\]\s+(.*?)\[(\d+)(?:/(\d+))?\]\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)")
collections, foreign = [], []  # (start, end[, task]) in seconds on the consumer's core
first = last = None
for text in open(timehist):
    m = line.match(text)
    if not m:
        continue
    end, task, pid, run = float(m.group(1)), m.group(2).strip(), m.group(4) or m.group(3), float(m.group(7)) / 1000
    first = end if first is None else first
    last = end
    if pid == consumer and task.startswith("GC Thread"):
        collections.append((end - run, end))
    elif pid != consumer and task != "<idle>":
        foreign.append((end - run, end, re.sub(r"[:/\d]+$", "", task)))
def overlap(a, b, c, d):
    return max(0.0, min(b, d) - max(a, c))
late = []
for text in open(late_file):
    at, latency, share, camera, through_gc = text.split()
    at, latency, share = int(at) / 1e9, int(latency) / 1e9, int(share) / 1e9
    if first <= at - latency and at <= last:
        late.append((at, share, through_gc == "true"))
farm = gc = core = other = 0
takers = {}
for at, share, through_gc in late:
    since = at - share - BACKLOG
    if share <= LATE:
        farm += 1
    elif through_gc or any(overlap(since, at, s, e) > 0 for s, e in collections):
        gc += 1
    else:
        took = {}
        for s, e, task in foreign:
            if overlap(since, at, s, e) > 0:
                took[task] = took.get(task, 0.0) + overlap(since, at, s, e)
        if sum(took.values()) >= FOREIGN_MIN:
            core += 1
            top = max(took, key=took.get)
            takers[top] = takers.get(top, 0) + 1
        else:
            other += 1
print(f"{len(late)} frames later than 5 ms in the {last - first:.1f} s recorded: {farm} already late from the farm;"
      f" of the {len(late) - farm} late in the consumer, {gc} waited through one of its collections or the backlog"
      f" after it, {core} while other processes took >= 2 ms of its core, {other} neither")
print("other processes, by frames made late:", ", ".join(f"{k} {v}" for k, v in sorted(takers.items(), key=lambda kv: -kv[1])) or "none")
cpu = {}
for s, e, task in foreign:
    cpu[task] = cpu.get(task, 0.0) + e - s
print("their CPU on the consumer's core in the recording:",
      ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in sorted(cpu.items(), key=lambda kv: -kv[1])[:5]))
print(f"collections recorded: {len(collections)} runs of GC threads, {sum(e - s for s, e in collections) * 1000:.0f} ms")
PY
