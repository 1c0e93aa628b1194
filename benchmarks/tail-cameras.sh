#!/bin/bash
# Where the latency tail of `./bench.sh cameras N` comes from (docs/performance.md, "Many cameras in one JVM"): runs
# the bench with the consumer (core 0) and the camera farm (core 1) on cores of their own, records the scheduler on
# both (perf sched, CLOCK_MONOTONIC like the bench's stamps) for 10 s of the measured window, and sorts every frame
# later than 5 ms by what it waited through. Frames already late when the farm wrote them (this JVM's share under
# 5 ms) are counted apart; of the others, a frame is put on a collection of the consumer JVM if one ran while it
# waited or in the 50 ms before (the backlog a pause leaves: at half a core busy, 25 ms of stall take 25 ms more to
# catch up); else on other processes if their tasks took 2 ms or more of the consumer's core in that span; else on
# other processes holding the farm's core 2 ms or more in the 100 ms before (the farm stalls, then writes a burst
# that the consumer queues: the 100 ms before the farm flushed the frame); else on neither. perf itself runs on the
# farm's core and is not counted as another process, but it takes about 0.45 s of that core in the 10 s: the
# farm's share of a run with the recording is not a figure to quote.
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
farm=$(pgrep -n -f "BenchMain camera-farm")
sleep 2
taskset -c 1 perf sched record -k CLOCK_MONOTONIC -C 0,1 -o "$out/sched.data" -- sleep 10 2> /dev/null
wait "$bench"
perf sched timehist -i "$out/sched.data" 2> /dev/null > "$out/timehist.txt"

grep '^| [0-9]' "$out/bench.txt"
python3 - "$out/timehist.txt" "$out/late.txt" "$pid" "$farm" <<'PY'
import re, sys
timehist, late_file, consumer, farm_pid = sys.argv[1:5]
BACKLOG, FARM_BACKLOG, FOREIGN_MIN, LATE = 0.050, 0.100, 0.002, 0.005
# "  26583.525724 [0000]  Camel (camel-2)[10558/9519]  50.807  0.006  0.076": end of a run, core, task, wait, delay,
# run time
line = re.compile(r"^\s*(\d+\.\d+)\s+\[(\d+)\]\s+(.*?)\[(\d+)(?:/(\d+))?\]\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)")
collections = []  # (start, end) of the consumer's GC threads, seconds
foreign = {0: [], 1: []}  # per core: (start, end, task) of other processes' tasks
first = last = None
for text in open(timehist):
    m = line.match(text)
    if not m:
        continue
    end, core, task = float(m.group(1)), int(m.group(2)), m.group(3).strip()
    pid, run = m.group(5) or m.group(4), float(m.group(8)) / 1000
    first = end if first is None else first
    last = end
    if pid == consumer:
        if task.startswith("GC Thread"):
            collections.append((end - run, end))
    elif pid != farm_pid and core in foreign and task != "<idle>" and not re.match(r"(perf|sleep)\b", task):
        foreign[core].append((end - run, end, re.sub(r"[:/\d]+$", "", task)))
def overlap(a, b, c, d):
    return max(0.0, min(b, d) - max(a, c))
def taken(core, since, until):
    took = {}
    for s, e, task in foreign[core]:
        if overlap(since, until, s, e) > 0:
            took[task] = took.get(task, 0.0) + overlap(since, until, s, e)
    return took
late = []
for text in open(late_file):
    at, latency, share, camera, through_gc = text.split()
    at, latency, share = int(at) / 1e9, int(latency) / 1e9, int(share) / 1e9
    if first <= at - latency and at <= last:
        late.append((at, share, through_gc == "true"))
counts = {"farm": 0, "collection": 0, "consumer's core": 0, "farm's core": 0, "neither": 0}
takers = {"consumer's core": {}, "farm's core": {}}
for at, share, through_gc in late:
    since = at - share - BACKLOG
    if share <= LATE:
        counts["farm"] += 1
        continue
    if through_gc or any(overlap(since, at, s, e) > 0 for s, e in collections):
        counts["collection"] += 1
        continue
    for cause, took in (("consumer's core", taken(0, since, at)),
                        ("farm's core", taken(1, at - share - FARM_BACKLOG, at - share))):
        if sum(took.values()) >= FOREIGN_MIN:
            counts[cause] += 1
            top = max(took, key=took.get)
            takers[cause][top] = takers[cause].get(top, 0) + 1
            break
    else:
        counts["neither"] += 1
on_consumer, on_farm = counts["consumer's core"], counts["farm's core"]
print(f"{len(late)} frames later than 5 ms in the {last - first:.1f} s recorded: {counts['farm']} already late from"
      f" the farm; of the {len(late) - counts['farm']} late in the consumer, {counts['collection']} waited through one"
      f" of its collections or the backlog after it, {on_consumer} while other processes took >= 2 ms of its core,"
      f" {on_farm} after other processes held the farm's core >= 2 ms (a burst followed), {counts['neither']} neither")
for cause in takers:
    print(f"other processes on the {cause}, by frames made late:",
          ", ".join(f"{k} {v}" for k, v in sorted(takers[cause].items(), key=lambda kv: -kv[1])) or "none")
    cpu = {}
    for s, e, task in foreign[0 if cause == "consumer's core" else 1]:
        cpu[task] = cpu.get(task, 0.0) + e - s
    print(f"  their CPU on the {cause} in the recording:",
          ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in sorted(cpu.items(), key=lambda kv: -kv[1])[:5]))
print(f"collections recorded: {len(collections)} runs of GC threads, {sum(e - s for s, e in collections) * 1000:.0f} ms")
PY
