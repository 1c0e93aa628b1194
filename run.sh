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
# exec:java splits exec.args as plexus-utils does: quotes group, nothing escapes. So an argument is wrapped in single
# quotes, or in double quotes when it holds a single quote (a password such as it's); one holding both cannot pass.
args=""
for a in "$@"; do
  case "$a" in
    *\'*\"*|*\"*\'*) echo "run.sh: an argument holds both ' and \", which cannot be passed on to Maven" >&2; exit 2 ;;
    *\'*) args="$args \"$a\"" ;;
    *) args="$args '$a'" ;;
  esac
done
exec mvn -B -q -pl examples exec:java -Dexec.args="$args"
