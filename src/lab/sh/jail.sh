#!/bin/sh
# Stage 2, root of the outer ("jail") user namespace. It exists only to hold
# limits the learner cannot lift: sysctls under /proc/sys/user belong to the
# user namespace they are read from, and the learner, root of the inner
# namespace only, has no capability here.
#   $1 lab id   $2 inner uid to become (1 when nslab runs as root, 0 rootless)
#   $3 max network namespaces   $4 max processes
set -u
here=${0%/*}
lab_id=$1 inner_uid=$2 max_netns=$3 max_procs=$4
# One user namespace: the lab's own. Nested ones fail with ENOSPC.
echo 1 >/proc/sys/user/max_user_namespaces || { echo "nslab-error: cannot cap user namespaces" >&2; exit 71; }
echo "$max_netns" >/proc/sys/user/max_net_namespaces
# bash says -u, dash says -p: the processes the lab may run at once
{ ulimit -u "$max_procs" || ulimit -p "$max_procs"; } 2>/dev/null || { echo "nslab-error: cannot limit the lab's processes" >&2; exit 71; }
# The lab's /run, prepared here where nslab's own files are still readable:
# nslab may live where the lab's unprivileged root cannot look (a checkout in
# /root, which is private), so they are bound into /run/nslab-sh for it.
# (We are in a mount namespace of our own: none of this reaches the machine.)
mount -n -t tmpfs -o "mode=0755,uid=$inner_uid,gid=$inner_uid,size=16m" nslab-run /run &&
  mkdir /run/nslab-sh &&
  mount -n --bind -o ro "$here" /run/nslab-sh || { echo "nslab-error: cannot prepare the lab's /run" >&2; exit 71; }
if [ "$inner_uid" != 0 ]; then
  set -- setpriv "--reuid=$inner_uid" "--regid=$inner_uid" --clear-groups
else
  set --
fi
exec "$@" unshare --map-root-user --net --mount --uts --ipc --pid --fork \
  --kill-child --mount-proc bash /run/nslab-sh/init.sh "nslab-lab=$lab_id"
