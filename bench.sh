#!/usr/bin/env bash
# Runs a benchmark command (see docs/performance.md, "Reproduce", or 'bench.sh' without arguments). Builds once, like run.sh.
#   ./bench.sh parse FILE            parser throughput on an MJPEG file
#   ./bench.sh compare [--path file|http|both] [--resolution WxH]   ours vs GStreamer vs ffmpeg, marginal throughput
#   ./bench.sh read-floor            what reading a file costs a JVM, with and without the byte[] frame copy, vs dd
#   ./bench.sh socket-cost           the same reads and parse from a file and from a loopback socket, user/kernel CPU
#   ./bench.sh serve DIR | http-read HOST:PORT PATH --frames N     the HTTP ingest comparison's two sides
#   ./bench.sh jmh                   the JMH parser benchmark
#   ./bench.sh cameras 100,1000,3000   N cameras (a camera-farm JVM) into one consumer JVM, transport=async
#                                    (BENCH_JAVA_OPTS=-Dbench.farm=lean: a one-thread farm instead of the simulator's)
#   ./bench.sh relay 100,1000        one camera relayed to N viewers (camera and viewers in their own JVMs)
#   ./bench.sh kafka 10,50           N cameras -> component -> KRaft broker -> consumer, and the OpenCV peer
#                                    (installs python3-opencv python3-confluent-kafka with apt-get when root)
#   ./bench.sh connect N             N cameras through the Kafka Connect source connector on 3 in-JVM workers
#   ./bench.sh reconnects [CYCLES]   soak: 10,000 reconnect cycles per transport, heap and threads start/middle/end
set -euo pipefail
cd "$(dirname "$0")"
stamp=benchmarks/target/.installed
# BENCH_BUILT=1 (set by the scripts that time ./bench.sh runs, after building once): no build check inside a timed run
if [ -z "${BENCH_BUILT:-}" ] && { [ ! -f "$stamp" ] || [ -n "$(find . -path ./shared -prune -o -path '*/target' -prune -o \( -path '*/src/*' -o -name pom.xml \) -type f -newer "$stamp" -print -quit)" ]; }; then
  echo "Building (tests skipped)..." >&2
  mvn -B -q install -DskipTests
  mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
  touch "$stamp"
fi
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
# Single-stream throughput runs use the JVM's default collector (G1) with 512 MB; the many-camera benches 2 GB and
# ParallelGC, as their tables in docs/performance.md were measured. The heap is touched at start: a constant, like
# any start-up cost.
case "${1:-}" in
  parse|read-cost|http-read|serve|generate|jmh) java_opts=(-Xms512m -Xmx512m -XX:+AlwaysPreTouch) ;;
  *) java_opts=(-Xms2g -Xmx2g -XX:+UseParallelGC -XX:+AlwaysPreTouch) ;;
esac
# BENCH_GC swaps the collector of the measured JVM, e.g. BENCH_GC=-XX:+UseZGC ./bench.sh cameras 1000 (latency tails)
if [ -n "${BENCH_GC:-}" ]; then java_opts=(-Xms2g -Xmx2g "$BENCH_GC" -XX:+AlwaysPreTouch); fi
# BENCH_JAVA_OPTS adds options, e.g. "-Dbench.selfCpus=0 -Dbench.farmCpus=1": measured JVM and camera farms on own cores
read -r -a extra_opts <<< "${BENCH_JAVA_OPTS:-}"
java_opts+=("${extra_opts[@]}")
case "${1:-}" in
  jmh) shift; exec java "${java_opts[@]}" -cp "$cp" org.openjdk.jmh.Main ParserBenchmark "$@" ;;
  compare) shift; exec bash benchmarks/compare-parsers.sh "$@" ;;
  read-floor) shift; exec bash benchmarks/read-floor.sh "$@" ;;
  socket-cost) shift; exec bash benchmarks/socket-cost.sh "$@" ;;
  kafka)
    # the OpenCV peer runs on the system python with Debian's packages (PyPI is not needed); --no-python skips it
    if [[ " $* " != *" --no-python "* ]] && ! /usr/bin/python3 -c 'import cv2, confluent_kafka' 2>/dev/null; then
      if [ "$(id -u)" = 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3-opencv python3-confluent-kafka >&2
      else
        echo "the OpenCV peer needs: sudo apt-get install python3-opencv python3-confluent-kafka (or pass --no-python)" >&2
      fi
    fi
    exec java "${java_opts[@]}" -cp "$cp" io.camelaxis.mjpeg.bench.BenchMain "$@" ;;
  "") java -cp "$cp" io.camelaxis.mjpeg.bench.BenchMain; exit 2 ;;
  *) exec java "${java_opts[@]}" -cp "$cp" io.camelaxis.mjpeg.bench.BenchMain "$@" ;;
esac
