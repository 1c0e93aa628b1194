#!/usr/bin/env bash
# Throughput of camel-axis-mjpeg against GStreamer (multipartdemux) and ffmpeg (-f mpjpeg) on the same MJPEG bytes,
# measured the same way for everyone: each reader is a whole process, timed on a file of S MB and one of 2*S MB, and
# its throughput is the difference in bytes over the difference in time (the marginal throughput). Process start,
# JVM start and JIT warm-up, pipeline set-up and connection set-up are paid once per run by each reader and cancel
# out; what is left is the steady-state cost per byte. CPU (user+sys) is taken the same way, per extra GB.
#
#   bash benchmarks/compare-parsers.sh [--mb 1396] [--factor 3] [--runs 5] [--resolution 1280x720] [--path file|http|both]
#                                      [--block 65536] [--sender-cc cubic|system|ALGORITHM] [--http-repeat 6]
#
#   the two files are S and FACTOR*S MB. S is large enough that our JIT compiler has finished with the hot path
#   within the small run (about a second: with 349 MB files both runs fell inside the warm-up, and the difference
#   measured the JIT, not the steady state), so warm-up is paid equally in both runs and cancels out like the peers'
#   process start; a JVM's start varies by a few hundred ms from run to run, so the difference must also be large
#   enough to drown that (median over runs, not best: one lucky or unlucky start skews a best-of)
#   --path file  readers parse the file from the page cache (ours: the consumer's StreamReader read path)
#   --path http  a loopback HTTP server (bench serve: sendfile) streams the file; readers read it over HTTP
#                (ours: a real axis-mjpeg route, HttpClient 5, both transports, async also with the route on its I/O
#                thread (routeOnIoThread); GStreamer: souphttpsrc;
#                ffmpeg: its HTTP client)
#   --block      the read size given to every reader that has one: ours (the consumer's readBufferSize), GStreamer
#                (blocksize), dd; ffmpeg has none (it reads a part's body straight into its packet)
#   --http-repeat K  over HTTP the S MB file is sent K times in one stream for the small run and FACTOR*K times for
#                the large one (bench serve's /repeat/N/NAME): over a fast loopback our route reads 1396 MB in half a
#                second, while its JIT compiler works for about 3 s after the JVM starts (thousands of compilations:
#                HttpClient, Camel, the parser), so with K=1 the difference of the two runs held compilation too
#   --sender-cc  the TCP congestion control of the loopback sender (http; default cubic, Linux's default and what a
#                camera's Linux runs): set machine-wide for the run as root and put back after, "system" leaves it
#                (benchmarks/sender-cc.sh: with bbr the sender's pacing work lands on the reader's core)
#   A reader that parses nothing is measured beside them as the ceiling of the path: dd with the same read size, from
#   the file or from the socket (benchmarks/http-drain.sh), into /dev/null. No parser can be faster than reading the
#   bytes; a peer already at that ceiling cannot be overtaken on that path, only matched.
#   Every run is checked before it counts, the peers' as ours: both of its processes exited 0; over HTTP the server
#   sent each of them the whole stream (bench serve logs every answer); the large run took longer than the small one;
#   its marginal throughput is under 1.25x the ceiling's median (nothing reads faster than reading). A run that fails
#   a check is left out of the medians and listed under the tables with the reason; "runs kept" says how many stayed.
# Writes benchmarks/target/compare-<path>-<resolution>.md. Installs the peers from Debian when missing (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
mb=1396
factor=3
runs=5
resolution=1280x720
paths=file
block=65536
port=8089
wanted_cc=cubic
http_repeat=6
while [ $# -gt 0 ]; do
  case "$1" in
    --mb) mb=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --factor) factor=$2; shift 2 ;;
    --resolution) resolution=$2; shift 2 ;;
    --path) paths=$2; shift 2 ;;
    --block) block=$2; shift 2 ;;
    --sender-cc) wanted_cc=$2; shift 2 ;;
    --http-repeat) http_repeat=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ "$paths" = both ] && paths="file http"

if ! command -v gst-launch-1.0 >/dev/null || ! command -v ffmpeg >/dev/null || ! command -v bc >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing the peers (Debian packages)..." >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ffmpeg bc gstreamer1.0-tools \
      gstreamer1.0-plugins-base gstreamer1.0-plugins-good >/dev/null
  else
    echo "needs ffmpeg, bc, gstreamer1.0-tools, gstreamer1.0-plugins-good" >&2; exit 1
  fi
fi
./bench.sh >/dev/null 2>&1 || true # builds once
export BENCH_BUILT=1 # and not again inside a timed run, whatever changes in the sources meanwhile

work=$(mktemp -d)
server=""
source benchmarks/sender-cc.sh
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; sender_cc_restore; }
trap cleanup EXIT
# before the server's socket is made: a socket takes the setting of its time
if [[ " $paths " == *" http "* ]]; then sender_cc_apply "$wanted_cc"; fi
mkdir -p benchmarks/target

# wall and CPU seconds of one command and its exit status: "WALL CPU STATUS"
measure() {
  local TIMEFORMAT='%R %U %S' status=0
  { time "$@" >/dev/null 2>&1 ; } 2>"$work/time.out" || status=$?
  tail -1 "$work/time.out" | awk -v status="$status" '{ printf "%s %.3f %s\n", $1, $2 + $3, status }'
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
best() { sort -g | tail -1; }

# lines bench serve has logged so far (one per answer)
answers() {
  if [ -f "$work/serve.log" ]; then grep -c -E '^(answered|refused) ' "$work/serve.log" || true; else echo 0; fi
}

# the first answer after BEFORE lines: nothing when it sent the whole stream, else why the run does not count
short_answer() {
  local before=$1 line=""
  for _ in $(seq 30); do # the server logs when its last write returns: at once for a reader that read everything
    line=$(grep -E '^(answered|refused) ' "$work/serve.log" | sed -n "$((before + 1))p")
    [ -n "$line" ] && break
    sleep 0.1
  done
  local verb name sent of wanted
  read -r verb name sent of wanted _ <<<"$line"
  if [ -z "$line" ]; then echo "the server logged no answer"
  elif [ "$verb" != answered ]; then echo "the server refused $name"
  elif [ "$sent" != "$wanted" ]; then echo "the server sent $sent of $wanted bytes"
  fi
}

# one timed process of READER on NAME (FRAMES frames): "WALL CPU" on stdout, or why it does not count on stderr
timed_run() {
  local reader=$1 name=$2 frames=$3 before wall cpu status why=""
  before=$(answers)
  read -r wall cpu status <<<"$(measure $(reader_cmd "$reader" "$name" "$frames"))"
  [ "$status" = 0 ] || why="exited $status"
  if [ "$path" = http ]; then
    local short; short=$(short_answer "$before")
    [ -z "$short" ] || why="${why:+$why, }$short"
  fi
  echo "$wall $cpu $why"
}

reader_cmd() { # reader file-name frames -> the command line
  local reader=$1 name=$2 frames=$3 url="http://127.0.0.1:$port/$2"
  case "$reader" in
    ours-file) echo "./bench.sh parse $work/$name --runs 1 --no-warmup --read-size $block" ;;
    gst-file) echo "gst-launch-1.0 -q filesrc location=$work/$name blocksize=$block ! multipartdemux ! fakesink" ;;
    ffmpeg-file) echo "ffmpeg -nostdin -loglevel error -f mpjpeg -i $work/$name -c copy -f null -" ;;
    ours-blocking-http) echo "./bench.sh http-read 127.0.0.1:$port /$name --frames $frames --transport blocking \
                               --read-size $block" ;;
    ours-async-http) echo "./bench.sh http-read 127.0.0.1:$port /$name --frames $frames --transport async \
                            --read-size $block" ;;
    ours-async-io-http) echo "./bench.sh http-read 127.0.0.1:$port /$name --frames $frames --transport async \
                               --route-on-io-thread --read-size $block" ;;
    gst-http) echo "gst-launch-1.0 -q souphttpsrc location=$url blocksize=$block ! multipartdemux ! fakesink" ;;
    ffmpeg-http) echo "ffmpeg -nostdin -loglevel error -f mpjpeg -i $url -c copy -f null -" ;;
    ceiling-file) echo "dd if=$work/$name of=/dev/null bs=$block" ;;
    ceiling-http) echo "bash benchmarks/http-drain.sh $port /$name $block" ;;
  esac
}

# A / B to two decimals, n/a when either has no kept run (or B is 0)
ratio() {
  if [ -z "$1" ] || [ -z "$2" ] || [ "$(echo "$2 == 0" | bc -l)" = 1 ]; then echo n/a; return; fi
  printf "%.2f" "$(echo "$1 / $2" | bc -l)"
}

label() {
  case "$1" in
    ours-file) echo "camel-axis-mjpeg (StreamReader)" ;;
    ours-blocking-http) echo "camel-axis-mjpeg route, transport=blocking" ;;
    ours-async-http) echo "camel-axis-mjpeg route, transport=async" ;;
    ours-async-io-http) echo "camel-axis-mjpeg route, transport=async, routeOnIoThread=true" ;;
    gst-*) echo "GStreamer multipartdemux" ;;
    ffmpeg-*) echo "ffmpeg -f mpjpeg" ;;
    ceiling-file) echo "dd (reads only, the ceiling)" ;;
    ceiling-http) echo "dd from the socket (reads only, the ceiling)" ;;
  esac
}

for path in $paths; do
  report=benchmarks/target/compare-$path-$resolution-$block.md
  if [ "$path" = http ]; then
    readers="ours-blocking-http ours-async-http ours-async-io-http gst-http ffmpeg-http ceiling-http"
    ./bench.sh serve "$work" --port $port > "$work/serve.log" 2>&1 &
    server=$!
    for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.2; done
  else
    readers="ours-file gst-file ffmpeg-file ceiling-file"
  fi
  {
    echo "| $resolution, reads of $block bytes | reader | MB/s (best) | MB/s (median) | CPU s per extra GB (median)" \
         "| runs kept |"
    echo "|---|---|---|---|---|---|"
  } > "$report"
  : > "$work/left-out"
  for variant in with-content-length without-content-length; do
    flag=""
    [ "$variant" = without-content-length ] && flag="--no-content-length"
    small="$variant-small.mjpg"; large="$variant-large.mjpg"
    fs=$(./bench.sh generate "$work/$small" --mb "$mb" --resolution "$resolution" $flag | awk '{print $3}')
    if [ "$path" = http ]; then
      # one file, sent K and FACTOR*K times in a row (bench serve /repeat/N/NAME)
      extra=$(( (factor - 1) * http_repeat * $(stat -c %s "$work/$small") ))
      fl=$((fs * factor * http_repeat)); fs=$((fs * http_repeat))
      large="repeat/$((factor * http_repeat))/$small"; small="repeat/$http_repeat/$small"
      cat "$work/$variant-small.mjpg" >/dev/null # into the page cache
    else
      fl=$(./bench.sh generate "$work/$large" --mb $((factor * mb)) --resolution "$resolution" $flag | awk '{print $3}')
      cat "$work/$small" "$work/$large" >/dev/null # into the page cache
      extra=$(( $(stat -c %s "$work/$large") - $(stat -c %s "$work/$small") ))
    fi
    declare -A runs_of=() # reader -> "SPEED CPU" per run that passed the checks so far, one per line
    for r in $(seq "$runs"); do
      for reader in $readers; do
        read -r ws cs why_small <<<"$(timed_run "$reader" "$small" "$fs")"
        read -r wl cl why_large <<<"$(timed_run "$reader" "$large" "$fl")"
        why=""
        [ -z "$why_small" ] || why="small run: $why_small"
        [ -z "$why_large" ] || why="${why:+$why; }large run: $why_large"
        if [ "$(echo "$wl > $ws" | bc -l)" != 1 ]; then
          why="${why:+$why; }the large run (${wl} s) was not slower than the small one (${ws} s)"
          s=0
        else
          s=$(echo "$extra / 1000000 / ($wl - $ws)" | bc -l)
        fi
        c=$(echo "($cl - $cs) / ($extra / 1000000000)" | bc -l)
        printf "run %d %-20s %s: %.0f MB/s, %.2f CPU s/GB%s\n" "$r" "$reader" "$variant" "$s" "$c" \
          "${why:+ (left out: $why)}" >&2
        if [ -n "$why" ]; then
          echo "$variant, $(label "$reader"), run $r: $why" >> "$work/left-out"
        else
          runs_of[$reader]+="$s $c"$'\n'
        fi
      done
    done
    # the ceiling's median bounds every reader's runs: a run faster than reading did not read what it was given
    ceiling=$(echo -n "${runs_of[ceiling-$path]:-}" | awk '{ print $1 }' | grep . | median || true)
    for reader in $readers; do
      kept=""
      while read -r s c; do
        [ -n "$s" ] || continue
        if [ "$reader" != "ceiling-$path" ] && [ -n "$ceiling" ] \
           && [ "$(echo "$s > 1.25 * $ceiling" | bc -l)" = 1 ]; then
          printf "%s, %s: a run at %.0f MB/s, over 1.25x the ceiling's median (%.0f MB/s)\n" "$variant" \
            "$(label "$reader")" "$s" "$ceiling" >> "$work/left-out"
          continue
        fi
        kept+="$s $c"$'\n'
      done <<<"${runs_of[$reader]:-}"
      n=$(echo -n "$kept" | grep -c . || true)
      if [ "$n" = 0 ]; then
        printf "| %s | %s | n/a | n/a | n/a | 0 of %d |\n" "$variant" "$(label "$reader")" "$runs" >> "$report"
        eval "best_${reader//-/_}_${variant//-/_}="
        eval "cpu_${reader//-/_}_${variant//-/_}="
        continue
      fi
      b=$(echo -n "$kept" | awk '{ print $1 }' | best)
      m=$(echo -n "$kept" | awk '{ print $1 }' | median)
      c=$(echo -n "$kept" | awk '{ print $2 }' | median)
      printf "| %s | %s | %.0f | %.0f | %.2f | %d of %d |\n" "$variant" "$(label "$reader")" "$b" "$m" "$c" "$n" \
        "$runs" >> "$report"
      eval "best_${reader//-/_}_${variant//-/_}=$m"
      eval "cpu_${reader//-/_}_${variant//-/_}=$c"
    done
    rm -f "$work/$variant-small.mjpg" "$work/$variant-large.mjpg"
    unset runs_of
  done
  {
    echo
    echo "| $resolution, ratios of medians | throughput: ours / GStreamer | ours / ffmpeg | ours / ceiling" \
         "| CPU per GB: GStreamer / ours | ffmpeg / ours |"
    echo "|---|---|---|---|---|---|"
    for variant in with-content-length without-content-length; do
      v=${variant//-/_}
      for ours in $readers; do
        case "$ours" in ours-*) ;; *) continue ;; esac
        o=$(eval echo "\$best_${ours//-/_}_$v")
        g=$(eval echo "\$best_gst_${path}_$v")
        f=$(eval echo "\$best_ffmpeg_${path}_$v")
        x=$(eval echo "\$best_ceiling_${path}_$v")
        oc=$(eval echo "\$cpu_${ours//-/_}_$v")
        gc=$(eval echo "\$cpu_gst_${path}_$v")
        fc=$(eval echo "\$cpu_ffmpeg_${path}_$v")
        printf "| %s, %s | %s | %s | %s | %s | %s |\n" "$variant" "$(label "$ours")" "$(ratio "$o" "$g")" \
          "$(ratio "$o" "$f")" "$(ratio "$o" "$x")" "$(ratio "$gc" "$oc")" "$(ratio "$fc" "$oc")"
      done
    done
    if [ -s "$work/left-out" ]; then
      echo
      echo "Runs left out of the medians:"
      sed 's/^/- /' "$work/left-out"
    fi
    echo
    echo "$(nproc) cores; $(java -version 2>&1 | head -1); $(gst-launch-1.0 --version | head -1);" \
         "$(ffmpeg -version | head -1 | cut -d' ' -f1-3); $([ "$path" = http ] && echo "the $mb MB file sent $http_repeat and $((factor * http_repeat)) times in one stream" || echo "$mb MB and $((factor * mb)) MB files"); reads of $block bytes; $runs runs;$([ "$path" = http ] && echo " sender's TCP congestion control $sender_cc;") $(date -u +%F)."
  } >> "$report"
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; server=""; fi
  cat "$report"
done
