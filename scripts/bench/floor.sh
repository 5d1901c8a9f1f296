#!/bin/bash
# The floor for "a lab is ready": the same topology (host, router, internet,
# client; veth pairs, LAN bridge, addresses, routes, the internet's nft set)
# built the plainest way — one unshare, one ip -batch per namespace and one
# rules restore — with no DNS server, no private mounts, no safety layers.
# nslab's lab must stay within 2x of this.
set -e
here=$(cd "$(dirname "$0")/../../src/lab/sh" && pwd)
exec unshare --map-root-user --net --mount --pid --fork --mount-proc bash -c '
  here=$1
  mount -t tmpfs none /run && mkdir -p /run/netns
  ip -batch "$here/net/host.batch"
  ip -n router -batch "$here/net/router.batch"
  ip -n client -batch "$here/net/client.batch"
  ip -n internet -batch "$here/net/internet.batch"
  ip netns exec internet nft -f "$here/net/internet.nft"
  printf "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n" | iptables-restore
' - "$here"
