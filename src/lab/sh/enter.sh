#!/bin/bash
# Stage 1 (root on the real machine only): nslab spawned us with `unshare -U`
# and writes our uid/gid maps while we wait on stdin. Re-exec so the shell
# regains its capabilities under the new maps (they were dropped when bash
# started before the maps existed), then build the lab.
echo "mapme"
IFS= read -r go || exit 1
exec bash "${BASH_SOURCE%/*}/jail.sh" "$@"
