#!/usr/bin/env bash
# The floor under our file parse: what reading an MJPEG file with Content-Length costs a JVM before any parsing, and
# what handing every frame out as a byte[] of its own adds, against our parser, dd and the peers.
#
#   bash benchmarks/read-floor.sh [--mb 1396] [--resolution 1280x720] [--blocks 65536,262144] [--rounds 2] [--runs 3]
#
#   ours (one JVM per mode and read size, the bench's JVM settings, steady state: a pass of warm-up, then 7 passes,
#   median; CPU of the reading thread and of the whole process per GB):
#     read         an InputStream into a heap array (the consumer's way: the JDK copies through a direct buffer)
#     direct       a FileChannel into a direct buffer (the kernel's copy alone)
#     copy         read, and each byte copied once into a fresh array per frame of the file's mean size: the least
#                  any reader handing out a byte[] of the JPEG does
#     direct-copy  direct, and the same copy
#     parse        the consumer's StreamReader and parser (bench parse)
#   dd with the same read size (user+sys per GB, median of --runs), and GStreamer (filesrc blocksize) and ffmpeg by the
#   marginal method of compare-parsers.sh (an S and a 3*S MB file: CPU per extra GB, median of --runs): start cancelled.
# Writes benchmarks/target/read-floor-<UTC time>.md. Needs the peers (see compare-parsers.sh) unless --no-peers.
set -euo pipefail
cd "$(dirname "$0")/.."
mb=1396
resolution=1280x720
blocks=65536,262144
rounds=2
runs=3
peers=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) mb=$2; shift 2 ;;
    --resolution) resolution=$2; shift 2 ;;
    --blocks) blocks=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --no-peers) peers=no; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ $peers = yes ] && { ! command -v gst-launch-1.0 >/dev/null || ! command -v ffmpeg >/dev/null; }; then
  echo "needs ffmpeg and gstreamer1.0-tools gstreamer1.0-plugins-good (apt-get), or --no-peers" >&2; exit 1
fi
./bench.sh >/dev/null 2>&1 || true # builds once
export BENCH_BUILT=1 # and not again inside a timed run, whatever changes in the sources meanwhile
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p benchmarks/target
report=benchmarks/target/read-floor-$(date -u +%Y%m%dT%H%M%SZ).md

frames=$(./bench.sh generate "$work/small.mjpg" --mb "$mb" --resolution "$resolution" | awk '{print $3}')
bytes=$(stat -c %s "$work/small.mjpg")
frame_size=$((bytes / frames))
if [ $peers = yes ]; then
  ./bench.sh generate "$work/large.mjpg" --mb $((3 * mb)) --resolution "$resolution" >/dev/null
  cat "$work/large.mjpg" >/dev/null
  extra=$(( $(stat -c %s "$work/large.mjpg") - bytes ))
fi
cat "$work/small.mjpg" >/dev/null # into the page cache

cpu_of() { # command... -> user+sys seconds
  local TIMEFORMAT='%U %S' out
  out=$( { time "$@" >/dev/null 2>&1 ; } 2>&1 | tail -1)
  echo "$out" | awk '{ printf "%.4f\n", $1 + $2 }'
}
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

{
  echo "| read size | reader | CPU s per GB: thread (median, least) | process (median, least) |"
  echo "|---|---|---|---|"
} > "$report"
for round in $(seq "$rounds"); do
  for block in ${blocks//,/ }; do
    for mode in read direct copy direct-copy parse; do
      line=$(./bench.sh read-cost "$work/small.mjpg" --mode $mode --read-size "$block" --frame-size $frame_size \
             | grep '^RESULT')
      echo "round $round: $line" >&2
      eval "$(echo "$line" | tr ' ' '\n' | grep = )"
      printf "| %d | ours: %s (round %d) | %.3f (%.3f) | %.3f (%.3f) |\n" "$block" "$mode" "$round" \
        "$thread_cpu_s_per_gb" "$thread_min" "$process_cpu_s_per_gb" "$process_min" >> "$report"
    done
    dd=$(for _ in $(seq "$runs"); do
           echo "$(cpu_of dd if="$work/small.mjpg" of=/dev/null bs="$block") / ($bytes / 1000000000)" | bc -l
         done | median)
    printf "| %d | dd, reads only (round %d) | | %.3f |\n" "$block" "$round" "$dd" >> "$report"
    if [ $peers = yes ]; then
      for peer in gst ffmpeg; do
        c=$(for _ in $(seq "$runs"); do
              if [ $peer = gst ]; then
                s=$(cpu_of gst-launch-1.0 -q filesrc location="$work/small.mjpg" blocksize="$block" ! multipartdemux ! fakesink)
                l=$(cpu_of gst-launch-1.0 -q filesrc location="$work/large.mjpg" blocksize="$block" ! multipartdemux ! fakesink)
              else
                s=$(cpu_of ffmpeg -nostdin -loglevel error -f mpjpeg -i "$work/small.mjpg" -c copy -f null -)
                l=$(cpu_of ffmpeg -nostdin -loglevel error -f mpjpeg -i "$work/large.mjpg" -c copy -f null -)
              fi
              echo "($l - $s) / ($extra / 1000000000)" | bc -l
            done | median)
        label=$([ $peer = gst ] && echo "GStreamer multipartdemux, marginal" || echo "ffmpeg -f mpjpeg (no read size), marginal")
        printf "| %d | %s (round %d) | | %.3f |\n" "$block" "$label" "$round" "$c" >> "$report"
        echo "round $round: $peer $block $c" >&2
      done
    fi
  done
done
{
  echo
  echo "$(nproc) cores; $(java -version 2>&1 | head -1); ${resolution} frames of ${frame_size} bytes on average with"
  echo "Content-Length; a ${mb} MB file$([ $peers = yes ] && echo " (and $((3 * mb)) MB for the peers' marginal CPU)");" \
       "$rounds rounds; $(date -u '+%F %H:%M UTC')."
} >> "$report"
cat "$report"
