#!/usr/bin/env bash
# Builds the project (first run only, or when sources changed) and runs an example route.
# Without --host a simulated Axis camera is started, so this works on a fresh machine:
#   ./run.sh                                  camera -> files in ./frames, logs frames/s
#   ./run.sh --host 192.168.0.90 --username root --password secret --seconds 60
#   ./run.sh --help
set -euo pipefail
cd "$(dirname "$0")"
stamp=examples/target/.installed
if [ ! -f "$stamp" ] || [ -n "$(find . -path ./shared -prune -o -path '*/target' -prune -o \( -path '*/src/*' -o -name pom.xml \) -type f -newer "$stamp" -print -quit)" ]; then
  echo "Building camel-axis-mjpeg (tests skipped; run 'mvn -B verify' for them)..."
  mvn -B -q install -DskipTests
  touch "$stamp"
fi
args=""
for a in "$@"; do args="$args '${a//\'/\'\\\'\'}'"; done
exec mvn -B -q -pl examples exec:java -Dexec.args="$args"
