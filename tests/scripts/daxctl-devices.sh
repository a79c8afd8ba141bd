# host: tests/scripts/daxctl-host.conf
# ndctl test/daxctl-devices.sh (v81), transcribed for hotplug sysfs. The 1 GiB device dax0.0 starts in
# devdax mode, as the test's namespace does.
daxctl list
# 1. Save auto_online_blocks, then write offline to it.
cat /sys/devices/system/memory/auto_online_blocks
echo offline > /sys/devices/system/memory/auto_online_blocks
# 2. reconfigure-device -N -m system-ram: mode system-ram, memory not onlined.
daxctl reconfigure-device -N -m system-ram dax0.0
# 3. online-memory succeeds.
daxctl online-memory dax0.0
# 4. offline-memory succeeds.
daxctl offline-memory dax0.0
# 5. reconfigure-device -m devdax: mode devdax (memory already offline).
daxctl reconfigure-device -m devdax dax0.0
# 6. reconfigure-device -m system-ram: system-ram, memory onlined movable.
daxctl reconfigure-device -m system-ram dax0.0
cat /sys/devices/system/memory/memory256/valid_zones
# 7. reconfigure-device -f -m devdax: devdax; the force offlines the memory first.
daxctl reconfigure-device -f -m devdax dax0.0
# 8. reconfigure-device -m system-ram: system-ram. (The test's "ndctl disable-namespace must fail" has no
#    counterpart here: the model has no nvdimm namespace. sysfs-kmem-unbind.sh covers the kernel side.)
daxctl reconfigure-device -m system-ram dax0.0
# 9. reconfigure-device -f -m devdax: devdax.
daxctl reconfigure-device -f -m devdax dax0.0
# 10. auto_online_blocks = online: reconfigure-device -N -m system-ram must fail (policy check, EBUSY).
echo online > /sys/devices/system/memory/auto_online_blocks
daxctl reconfigure-device -N -m system-ram dax0.0
daxctl list
# 11. Restore the saved policy.
echo offline > /sys/devices/system/memory/auto_online_blocks
dmesg
