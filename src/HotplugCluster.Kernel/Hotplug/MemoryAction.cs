namespace HotplugCluster.Kernel.Hotplug;

/// <summary>Memory notifier actions (include/linux/memory.h).</summary>
public enum MemoryAction
{
    MEM_ONLINE = 1,
    MEM_GOING_OFFLINE = 2,
    MEM_OFFLINE = 4,
    MEM_GOING_ONLINE = 8,
    MEM_CANCEL_ONLINE = 16,
    MEM_CANCEL_OFFLINE = 32,
}
