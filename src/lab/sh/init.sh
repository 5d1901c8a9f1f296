#!/bin/bash
# PID 1 of a lab. Builds the simulated machines (DESIGN.md §1), says "ready",
# then waits for nslab to close our stdin. When we exit, the kernel kills
# every process of the lab and its namespaces, mounts and links go with them:
# nothing is ever deleted by name on the real machine.
set -eu
here=${BASH_SOURCE%/*}
fail() { echo "nslab-error: $*" >&2; exit 1; }

mount -t tmpfs -o mode=0755,size=16m nslab-run /run || fail "cannot mount a private /run"
mkdir -p /run/nslab/ns /run/nslab/hidden /run/nslab/etc /run/nslab/bin /run/nslab/log /run/netns
cp "$here/etc/hosts" /run/nslab/etc/hosts
cp "$here/etc/resolv.conf" /run/nslab/etc/resolv.conf
cp "$here/bin/modprobe" /run/nslab/bin/modprobe
# /etc/resolv.conf may be a link into /run (systemd-resolved): bind over its target.
resolv=$(readlink -f /etc/resolv.conf)
[ -e "$resolv" ] || { mkdir -p "${resolv%/*}"; : >"$resolv"; }
cat >/run/nslab/fstab <<FSTAB
nslab-tmp /tmp tmpfs mode=1777,size=64m 0 0
nslab-vartmp /var/tmp tmpfs mode=1777,size=16m 0 0
nslab-shm /dev/shm tmpfs mode=1777,size=16m 0 0
nslab-home /root tmpfs mode=0700,size=16m 0 0
nslab-sys /sys sysfs defaults 0 0
/run/nslab/etc/hosts /etc/hosts none bind 0 0
/run/nslab/etc/resolv.conf $resolv none bind 0 0
/run/nslab/hidden /run/netns none bind 0 0
FSTAB
mount -a -T /run/nslab/fstab || fail "cannot mount the lab's private directories"
hostname host

# The hidden machines get names only while they are wired up, in a directory
# bound at /run/netns; then that mount moves to /run/nslab/ns, so the
# learner's `ip netns list` starts empty and shows only their own namespaces.
ip -batch "$here/net/host.batch"
nsenter --net=/run/netns/router sh -c '
  echo 1 >/proc/sys/net/ipv4/ip_forward
  exec ip -batch "$1"' - "$here/net/router.batch"
nsenter --net=/run/netns/client ip -batch "$here/net/client.batch" &
# dnsmasq stays in the foreground (-d): daemon mode insists on dropping
# privileges with setgroups(), which a user namespace forbids. We return once
# it listens on udp/53, so the first lookup after "ready" is answered.
nsenter --net=/run/netns/internet sh -c '
  ip -batch "$1" && nft -f "$2" || exit 1
  dnsmasq -d --conf-file="$3" >/run/nslab/log/dns.log 2>&1 &
  i=0; until grep -q " 00000000:0035 " /proc/net/udp; do
    i=$((i+1)); [ $i -lt 2000 ] || { echo "nslab-error: the DNS server did not start" >&2; exit 1; }
    kill -0 $! 2>/dev/null || { echo "nslab-error: the DNS server exited" >&2; cat /run/nslab/log/dns.log >&2; exit 1; }
  done' - "$here/net/internet.batch" "$here/net/internet.nft" "$here/net/dnsmasq.conf"
wait
mount --move /run/netns /run/nslab/ns
# A shared /run/netns lets namespaces added from a nested mount namespace
# (a graded solution runs in its own process space) show up in the lab.
mount --bind --make-shared /run/netns /run/netns
cd /root
# Every shell in the lab, nested ones too, shows where it is: the host or the
# learner namespace it runs in.
cat >/root/.bashrc <<'RC'
nslab_where() { local n; n=$(ip netns identify 2>/dev/null); echo "${n:-host}"; }
PS1='\[\e[1;36m\][nslab \[\e[1;33m\]$(nslab_where)\[\e[1;36m\]]\[\e[0m\] \w# '
alias ls='ls --color=auto'
RC

echo "ready"
# Wait for EOF on stdin (nslab closed it, or died). `wait` lets bash reap the
# orphans the learner leaves behind, as an init should.
cat <&0 >/dev/null &
wait $!
