#!/usr/bin/env bash
# Runs a benchmark command (see benchmarks/README or 'bench.sh' without arguments). Builds once, like run.sh.
#   ./bench.sh parse FILE            parser throughput on an MJPEG file
#   ./bench.sh compare [--path file|http|both] [--resolution WxH]   ours vs GStreamer vs ffmpeg, marginal throughput
#   ./bench.sh serve DIR | http-read HOST:PORT PATH --frames N     the HTTP ingest comparison's two sides
#   ./bench.sh jmh                   the JMH parser benchmark
#   ./bench.sh cameras N | relay N   many cameras per JVM, many viewers per relay
#   ./bench.sh connect N             N cameras through the Kafka Connect source connector on 3 in-JVM workers
#   ./bench.sh reconnects [CYCLES]   soak: 10,000 reconnect cycles per transport, heap and threads start/middle/end
set -euo pipefail
cd "$(dirname "$0")"
stamp=benchmarks/target/.installed
if [ ! -f "$stamp" ] || [ -n "$(find . -path ./shared -prune -o -path '*/target' -prune -o \( -path '*/src/*' -o -name pom.xml \) -type f -newer "$stamp" -print -quit)" ]; then
  echo "Building (tests skipped)..." >&2
  mvn -B -q install -DskipTests
  mvn -B -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
  touch "$stamp"
fi
cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
# The JVM's default collector (G1). The heap is touched at start (a constant, like any start-up cost); a single stream
# needs 512 MB at most, the many-camera benches more.
case "${1:-}" in
  parse|http-read|serve|generate|jmh) heap=512m ;;
  *) heap=2g ;;
esac
java_opts=(-Xms$heap -Xmx$heap -XX:+AlwaysPreTouch)
case "${1:-}" in
  jmh) shift; exec java "${java_opts[@]}" -cp "$cp" org.openjdk.jmh.Main ParserBenchmark "$@" ;;
  compare) shift; exec bash benchmarks/compare-parsers.sh "$@" ;;
  "") java -cp "$cp" io.camelaxis.mjpeg.bench.BenchMain; exit 2 ;;
  *) exec java "${java_opts[@]}" -cp "$cp" io.camelaxis.mjpeg.bench.BenchMain "$@" ;;
esac
