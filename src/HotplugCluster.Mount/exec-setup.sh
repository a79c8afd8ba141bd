#!/bin/bash
# hotplug exec: runs inside `unshare -m --propagation private`, so every mount below is private to this namespace.
# Replaces /sys and the modelled /proc files with the simulation, gives /dev the simulated dax nodes, hides the
# kernel's modules, checks that /sys is the simulation, then execs the command. Any failure exits 125 before it.
# Arguments: RUN-DIR (holds mnt/, the FUSE mount, and olddev/), SOURCE (the mount's source in mountinfo), then
# "dax NAME MAJOR MINOR" triples up to "--", then the command.
set -eu
run=$1 source=$2
shift 2
fail() { echo "hotplug exec: $*; refusing to run the command" >&2; exit 125; }

# The last mount on a path is the one that path resolves to.
top() { awk -v p="$1" '$5 == p { split($0, a, " - "); split(a[2], b, " "); t = b[1] " " b[2] } END { print t }' /proc/self/mountinfo; }

# A plain (non-recursive) bind: the real sysfs and its submounts stay below, unreachable through /sys.
mount --bind "$run/mnt/sys" /sys || fail "cannot bind the simulated tree over /sys"
for f in meminfo iomem zoneinfo; do
  mount --bind "$run/mnt/proc/$f" "/proc/$f" || fail "cannot bind the simulated /proc/$f"
done

# Safety: every path a client writes must resolve to the simulation, never to the real kernel.
for p in /sys /proc/meminfo /proc/iomem /proc/zoneinfo; do
  [ "$(top "$p")" = "fuse.hotplug $source" ] || fail "$p is not the simulation ($(top "$p"))"
done
[ "$(stat -f -c %T /sys/devices/system/memory)" = fuseblk ] || fail "/sys/devices/system/memory is not the simulation"
[ -f /sys/devices/system/memory/block_size_bytes ] || fail "the simulated /sys does not answer"

# libkmod must find no module to load: an empty, read-only directory over the kernel's modules.
kernel=$(uname -r)
if [ -d "/lib/modules/$kernel" ]; then
  mount -t tmpfs -o ro,mode=755 hotplug-no-modules "/lib/modules/$kernel" || fail "cannot hide /lib/modules/$kernel"
elif [ -d /lib/modules ]; then
  mount -t tmpfs -o ro,mode=755 hotplug-no-modules /lib/modules || fail "cannot hide /lib/modules"
fi

# /dev: a new tmpfs (nodev, so the simulated dax nodes can be stat'ed but never opened) holding binds of the real entries.
# The binds go through one `mount -a` of a generated fstab: a `mount` process per entry (a hundred of them) took most
# of exec's setup time. hotplug exec adds and removes the dax nodes of devices created later (DaxNodes.cs).
mkdir -p "$run/olddev"
mount --rbind /dev "$run/olddev" || fail "cannot keep the real /dev"
# DaxNodes.cs finds this /dev by its source, hotplug-dev, before it adds a node.
mount -t tmpfs -o mode=755,nosuid,nodev hotplug-dev /dev || fail "cannot mount a private /dev"
fstab=$run/dev.fstab dirs=()
# An fstab field writes space, tab and backslash as octal escapes (fstab(5)); the result is in REPLY, with no subshell.
fstab_field() { local p=${1//\\/\\134}; p=${p// /\\040}; REPLY=${p//$'\t'/\\011}; }
: > "$fstab"
for e in "$run"/olddev/* "$run"/olddev/.[!.]*; do
  [ -e "$e" ] || [ -L "$e" ] || continue
  n=${e##*/}
  if [ -L "$e" ]; then
    ln -s "$(readlink "$e")" "/dev/$n"
  elif [ -d "$e" ]; then
    dirs+=("/dev/$n")
    fstab_field "$e" && from=$REPLY && fstab_field "/dev/$n"
    echo "$from $REPLY none rbind 0 0" >> "$fstab"
  else
    : > "/dev/$n"
    fstab_field "$e" && from=$REPLY && fstab_field "/dev/$n"
    echo "$from $REPLY none bind 0 0" >> "$fstab"
  fi
done
[ "${#dirs[@]}" -eq 0 ] || mkdir "${dirs[@]}" || fail "cannot recreate the directories of /dev"
mount -a -T "$fstab" || fail "cannot bind the real /dev entries"
while [ "$#" -gt 0 ] && [ "$1" = dax ]; do
  mknod -m 600 "/dev/$2" c "$3" "$4" || fail "cannot create /dev/$2"
  shift 4
done
umount -l "$run/olddev"
[ "${1:-}" = -- ] || fail "no command"
shift
[ "$(top /sys)" = "fuse.hotplug $source" ] || fail "/sys is not the simulation"
export HOTPLUG_SIMULATION="$run/mnt"
exec "$@"
