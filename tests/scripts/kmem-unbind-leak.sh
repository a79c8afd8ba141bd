# host: tests/scripts/selftest-host.conf
# daxctl (ndctl daxctl/device.c) refuses to take online memory away from kmem; a raw kmem unbind does not refuse,
# and leaks the range until the next reboot (drivers/dax/kmem.c dev_dax_kmem_remove()).
daxctl online-memory dax0.0
cat /sys/devices/system/node/node1/meminfo
# devdax while blocks are online: -EBUSY ("refusing to change modes" shows only with --verbose).
daxctl reconfigure-device -m devdax dax0.0
# system-ram again: it already is.
daxctl reconfigure-device -N -m system-ram dax0.0
# Offlining one block by hand makes online-memory report the race and online the rest.
echo offline > /sys/devices/system/memory/memory258/state
daxctl online-memory dax0.0
# A raw unbind with online memory: remove_memory() fails with -EBUSY, kmem logs it and the unbind succeeds.
echo dax0.0 > /sys/bus/dax/drivers/kmem/unbind
ls /sys/bus/dax/devices/dax0.0
cat /sys/devices/system/memory/memory256/state
dmesg
# The leaked "dax0.0" resource makes every later bind fail at reservation.
daxctl reconfigure-device -m system-ram -f dax0.0
daxctl list -i
cat /proc/iomem
