# host: tests/scripts/selftest-host.conf
# tools/testing/selftests/memory-hotplug/mem-on-off-test.sh, transcribed for hotplug sysfs.
# Hot-pluggable blocks: memory256-259 (the CXL expander, added by kmem at boot and left offline). The boot
# blocks are online already; the selftest's random "ratio" pick (-r 10) is fixed here to hot-added blocks.
#
# Phase 1, step 1: online every offline block; expect success and state "online".
echo online > /sys/devices/system/memory/memory256/state
echo online > /sys/devices/system/memory/memory257/state
echo online > /sys/devices/system/memory/memory258/state
echo online > /sys/devices/system/memory/memory259/state
cat /sys/devices/system/memory/memory256/state /sys/devices/system/memory/memory257/state /sys/devices/system/memory/memory258/state /sys/devices/system/memory/memory259/state
# Phase 1, step 2: offline some online blocks; expect success and state "offline".
echo offline > /sys/devices/system/memory/memory257/state
echo offline > /sys/devices/system/memory/memory259/state
cat /sys/devices/system/memory/memory257/state /sys/devices/system/memory/memory259/state
# Phase 1, step 3: online every offline block again; expect success.
echo online > /sys/devices/system/memory/memory257/state
echo online > /sys/devices/system/memory/memory259/state
cat /sys/devices/system/memory/memory257/state /sys/devices/system/memory/memory259/state
#
# Phase 2 (memory-notifier-error-inject, priority 0, error -12).
# Step 4: MEM_GOING_OFFLINE/error = 0; offline some online blocks; expect success.
echo 0 > /sys/kernel/debug/notifier-error-inject/memory/actions/MEM_GOING_OFFLINE/error
echo offline > /sys/devices/system/memory/memory256/state
echo offline > /sys/devices/system/memory/memory258/state
# Step 5: MEM_GOING_ONLINE/error = -12; onlining every offline block must fail (ENOMEM) and leave it offline.
echo -12 > /sys/kernel/debug/notifier-error-inject/memory/actions/MEM_GOING_ONLINE/error
echo online > /sys/devices/system/memory/memory256/state
echo online > /sys/devices/system/memory/memory258/state
cat /sys/devices/system/memory/memory256/state /sys/devices/system/memory/memory258/state
# Step 6: MEM_GOING_ONLINE/error = 0; online every offline block; expect success.
echo 0 > /sys/kernel/debug/notifier-error-inject/memory/actions/MEM_GOING_ONLINE/error
echo online > /sys/devices/system/memory/memory256/state
echo online > /sys/devices/system/memory/memory258/state
cat /sys/devices/system/memory/memory256/state /sys/devices/system/memory/memory258/state
# Step 7: MEM_GOING_OFFLINE/error = -12; offlining every online hot-added block must fail and leave it online.
echo -12 > /sys/kernel/debug/notifier-error-inject/memory/actions/MEM_GOING_OFFLINE/error
echo offline > /sys/devices/system/memory/memory256/state
echo offline > /sys/devices/system/memory/memory257/state
echo offline > /sys/devices/system/memory/memory258/state
echo offline > /sys/devices/system/memory/memory259/state
cat /sys/devices/system/memory/memory256/state /sys/devices/system/memory/memory257/state /sys/devices/system/memory/memory258/state /sys/devices/system/memory/memory259/state
# Step 8: reset the error to 0.
echo 0 > /sys/kernel/debug/notifier-error-inject/memory/actions/MEM_GOING_OFFLINE/error
cat /sys/kernel/debug/notifier-error-inject/memory/actions/MEM_GOING_OFFLINE/error
