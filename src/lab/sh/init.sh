#!/bin/bash
# PID 1 of a lab. Builds the simulated machines (DESIGN.md §1), says "ready",
# then waits for nslab to close our stdin. When we exit, the kernel kills
# every process of the lab, and its namespaces, mounts and links go with them:
# nothing is ever deleted by name on the real machine.
# Speed matters (a lab should be ready in tens of milliseconds): every external
# command costs about a millisecond, so files are written with builtins and
# independent machines are wired up in parallel.
set -eu
here=${BASH_SOURCE[0]%/*}
fail() { echo "nslab-error: $*" >&2; exit 1; }
copy() { local text; IFS= read -r -d '' text <"$1" || true; printf '%s' "$text" >"$2"; }

# /run is already the lab's own (a tmpfs from jail.sh, with our files in /run/nslab-sh).
mkdir -p /run/nslab/ns /run/nslab/hidden /run/nslab/bin /run/netns
copy "$here/etc/hosts" /run/nslab/hosts
copy "$here/etc/resolv.conf" /run/nslab/resolv.conf
# /etc/resolv.conf may be a link into /run (systemd-resolved): bind over its target.
resolv=/etc/resolv.conf
if [ -L "$resolv" ]; then
  resolv=$(readlink -f /etc/resolv.conf)
  [ -e "$resolv" ] || { mkdir -p "${resolv%/*}"; : >"$resolv"; }
fi
printf '%s\n' \
  "nslab-tmp /tmp tmpfs mode=1777,size=64m 0 0" \
  "nslab-vartmp /var/tmp tmpfs mode=1777,size=16m 0 0" \
  "nslab-shm /dev/shm tmpfs mode=1777,size=16m 0 0" \
  "nslab-home /root tmpfs mode=0700,size=16m 0 0" \
  "nslab-sys /sys sysfs defaults 0 0" \
  "/run/nslab/hosts /etc/hosts none bind 0 0" \
  "/run/nslab/resolv.conf $resolv none bind 0 0" \
  "/run/nslab/hidden /run/netns none bind 0 0" \
  "$here/bin /run/nslab/bin none bind,ro 0 0" >/run/nslab/fstab
hostname host &
mount -n -a -T /run/nslab/fstab || fail "cannot mount the lab's private directories"

# The hidden machines get names only while they are wired up, in a directory
# bound at /run/netns; then that mount moves to /run/nslab/ns, so the
# learner's `ip netns list` starts empty and shows only their own namespaces.
ip -batch "$here/net/host.batch"
nsenter --net=/run/netns/router sh -c '
  echo 1 >/proc/sys/net/ipv4/ip_forward
  exec ip -batch "$1"' - "$here/net/router.batch" &
nsenter --net=/run/netns/client ip -batch "$here/net/client.batch" &
# The DNS server is a job of ours (PID 1), so the loop at the end can start it
# again if the learner kills it. dnsmasq stays in the foreground (-d): daemon
# mode insists on dropping privileges with setgroups(), which a user namespace
# forbids. It listens on the wildcard address, so it can start before the
# addresses exist; we say ready only once it listens on udp/53.
internet=/run/netns/internet
start_dns() {
  nsenter --net="$internet" dnsmasq -d --conf-file="$here/net/dnsmasq.conf" >>/run/nslab/dns.log 2>&1 &
  dns_pid=$!
}
start_dns
nsenter --net=/run/netns/internet sh -c '
  ip -batch "$1" && nft -f "$2" || exit 1
  until while read -r _ local _; do [ "$local" = 00000000:0035 ] && exit 0; done </proc/net/udp; do
    kill -0 "$3" 2>/dev/null || { echo "nslab-error: the DNS server exited:" >&2; cat /run/nslab/dns.log >&2; exit 1; }
  done' - "$here/net/internet.batch" "$here/net/internet.nft" "$dns_pid" &
setup_jobs=$(jobs -p)
for job in $setup_jobs; do [ "$job" = "$dns_pid" ] && continue; wait "$job" || fail "the simulated machines could not be wired up"; done
mount -n --move /run/netns /run/nslab/ns || fail "cannot hide the simulated machines"
internet=/run/nslab/ns/internet
# A shared /run/netns lets namespaces added from a nested mount namespace
# (a graded solution runs in its own process space) show up in the lab.
mount -n --bind --make-shared /run/netns /run/netns
cd /root
# Every shell in the lab, nested ones too, shows where it is: the host or the
# learner namespace it runs in.
copy "$here/etc/bashrc" /root/.bashrc

echo "ready"
# Wait for EOF on stdin: nslab closed it, or died. A learner's `kill -9 -1`
# spares PID 1 but kills our reader and the DNS server: start them again.
# Bash reaps the lab's orphans while it waits, as an init should.
cat <&0 >/dev/null &
keeper=$!
while :; do
  wait -n || [ $? != 127 ] || sleep 0.1
  if ! kill -0 "$keeper" 2>/dev/null; then
    # Input readable with no reader means end of input (nslab sends nothing).
    if IFS= read -r -t 0 <&0; then exit 0; fi
    cat <&0 >/dev/null &
    keeper=$!
  fi
  kill -0 "$dns_pid" 2>/dev/null || start_dns
done
