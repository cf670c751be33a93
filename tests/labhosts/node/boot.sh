#!/bin/sh
# First process (PID 1) of a testbed node, started by lib/node-proc.ts as
#   ip netns exec klab-<role> unshare --pid --fork --kill-child --mount-proc --mount --uts ...
# It gives the node its own view of the machine, visible only inside this node's mount namespace
# (nothing on the machine itself changes): hostname, a user database with `labuser`, a home,
# /usr/local with the recorded kubectl/crictl, extra programs in /usr/bin (an overlay), kubeadm's
# /var/lib/kubelet files (a writable overlay on /var/lib whose upper layer is in the state
# directory), and a dpkg status with kubelet/kubeadm/kubectl on hold. Then it becomes init.pl.
# $1 = the node's state directory, $2 = init.pl, $3 = standin.pl, $4 = prctl's syscall number
set -eu
N=$1
hostname "$(cat "$N/etc/hostname")"
for f in passwd group shadow hosts hostname; do
  mount --bind "$N/etc/$f" "/etc/$f"
done
if [ -d /etc/sudoers.d ]; then mount --bind "$N/etc/sudoers.d" /etc/sudoers.d; fi
mount --bind "$N/home" /home
mount --bind "$N/usr-local" /usr/local
mount -t overlay overlay -o "lowerdir=$N/usr-bin:/usr/bin" /usr/bin
mount -t overlay overlay -o "lowerdir=/var/lib,upperdir=$N/var-lib/upper,workdir=$N/var-lib/work" /var/lib
mount --bind "$N/dpkg-status" /var/lib/dpkg/status
exec /usr/bin/perl "$2" "$N" "$3" "${4:-}"
