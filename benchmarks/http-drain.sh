#!/usr/bin/env bash
# The ceiling of the HTTP path in the comparison: GET a file from the loopback server and read the answer with dd,
# BLOCK bytes per read, into /dev/null. Nothing parsed: one copy from the kernel per byte, as every reader pays.
#   bash benchmarks/http-drain.sh PORT PATH BLOCK
set -euo pipefail
exec 3<>"/dev/tcp/127.0.0.1/$1"
printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3
dd bs="$3" of=/dev/null <&3 2>/dev/null
