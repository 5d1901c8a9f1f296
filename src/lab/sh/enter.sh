#!/bin/sh
# Stage 1 (root on the real machine only): nslab spawned us with `unshare -U`
# and writes our uid/gid maps while we wait on stdin. Then re-exec, so the
# shell regains its capabilities under the new maps (they were dropped when it
# started before the maps existed), and build the lab. POSIX sh: dash starts
# faster than bash, and this is on the path of every lab start.
echo mapme
IFS= read -r go || exit 1
exec sh "${0%/*}/jail.sh" "$@"
