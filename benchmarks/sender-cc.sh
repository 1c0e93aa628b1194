# Sourced by the loopback benchmarks: the TCP congestion control of the loopback sender (bench serve), which stands in
# for a camera. Linux's default is cubic, and a camera's Linux runs it; with bbr the sender paces itself with
# high-resolution timers, and on loopback those fire on the reader's core (where the reader's ACKs are processed, the
# sender's transmit work is done there too): on the 2-core build VM about 15,000 timer interrupts a second, which
# doubled the reader's CPU per GB (docs/performance.md, "The same code reading a socket"). The setting is
# machine-wide (new sockets take it), so it is set for the run only, as root, and put back by sender_cc_restore.
#
#   sender_cc_apply WANTED   WANTED: an algorithm, or "system" to leave the machine's; sets $sender_cc to the one used
#   sender_cc_restore        puts the machine's back if sender_cc_apply changed it (call it from the EXIT trap)
sender_cc_system=$(sysctl -n net.ipv4.tcp_congestion_control 2>/dev/null || echo unknown)
sender_cc_changed=""
sender_cc=$sender_cc_system

sender_cc_apply() {
  local wanted=$1
  if [ "$wanted" = system ] || [ "$wanted" = "$sender_cc_system" ]; then
    sender_cc=$sender_cc_system
  elif [ "$(id -u)" = 0 ] && sysctl -q -w net.ipv4.tcp_congestion_control="$wanted"; then
    sender_cc_changed=1
    sender_cc=$wanted
    echo "the loopback sender's TCP congestion control: $wanted for this run ($sender_cc_system put back after)" >&2
  else
    echo "cannot set the TCP congestion control to $wanted (needs root): the sender runs $sender_cc_system" >&2
    sender_cc=$sender_cc_system
  fi
}

sender_cc_restore() {
  if [ -n "$sender_cc_changed" ]; then
    sysctl -q -w net.ipv4.tcp_congestion_control="$sender_cc_system" || true
    sender_cc_changed=""
  fi
}
