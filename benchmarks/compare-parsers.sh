#!/usr/bin/env bash
# Parser throughput: camel-axis-mjpeg vs GStreamer multipartdemux vs ffmpeg -f mpjpeg, on the same generated
# MJPEG files (720p by default), with and without Content-Length, in one run. Prints a markdown table (also written to
# benchmarks/target/parser-comparison.md). Peers come from Debian: apt-get install ffmpeg gstreamer1.0-tools
# gstreamer1.0-plugins-good. Files stay in the page cache (run twice if the machine is short of memory).
#   bash benchmarks/compare-parsers.sh [--mb 698] [--runs 3] [--resolution 1280x720]
set -euo pipefail
cd "$(dirname "$0")/.."
mb=698
runs=3
resolution=1280x720
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) mb=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --resolution) resolution=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in gst-launch-1.0 ffmpeg; do
  command -v "$tool" >/dev/null || { echo "$tool missing: apt-get install ffmpeg gstreamer1.0-tools gstreamer1.0-plugins-good" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
report=benchmarks/target/parser-comparison.md
mkdir -p benchmarks/target

best_seconds() { # runs a command $runs times, prints the fastest wall time in seconds
  local best=""
  for _ in $(seq "$runs"); do
    local start end t
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
  done
  echo "$best"
}

{
  echo "| file | size | camel-axis-mjpeg | GStreamer multipartdemux | ffmpeg -f mpjpeg | ours / GStreamer | ours / ffmpeg |"
  echo "|---|---|---|---|---|---|---|"
} > "$report"

for variant in with-content-length without-content-length; do
  file="$work/$resolution-$variant.mjpg"
  flag=""
  [ "$variant" = without-content-length ] && flag="--no-content-length"
  ./bench.sh generate "$file" --mb "$mb" --resolution "$resolution" $flag >&2
  cat "$file" > /dev/null # into the page cache
  bytes=$(stat -c %s "$file")
  ours=$(./bench.sh parse "$file" --runs "$runs" | sed -n 's/^RESULT parse_mb_per_s=//p')
  gst_s=$(best_seconds gst-launch-1.0 -q filesrc location="$file" blocksize=65536 ! multipartdemux ! fakesink)
  ff_s=$(best_seconds ffmpeg -nostdin -loglevel error -f mpjpeg -i "$file" -c copy -f null -)
  gst=$(echo "$bytes / 1000000 / $gst_s" | bc -l)
  ff=$(echo "$bytes / 1000000 / $ff_s" | bc -l)
  printf "| %s | %d MB | %.0f MB/s | %.0f MB/s | %.0f MB/s | %.2f | %.2f |\n" "$resolution $variant" $((bytes / 1000000)) \
    "$ours" "$gst" "$ff" "$(echo "$ours / $gst" | bc -l)" "$(echo "$ours / $ff" | bc -l)" >> "$report"
  rm -f "$file"
done
echo >> "$report"
echo "$(nproc) cores, $(java -version 2>&1 | head -1), $(gst-launch-1.0 --version | head -1), $(ffmpeg -version | head -1 | cut -d' ' -f1-3); best of $runs runs each; ours includes JVM start-free steady state (a warm-up pass first), peers include process start." >> "$report"
cat "$report"
