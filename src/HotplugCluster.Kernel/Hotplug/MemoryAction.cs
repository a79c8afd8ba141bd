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

    /// <summary>v6.9+: before <c>memory_block_online()</c> initialises a block's altmap (include/linux/memory.h).</summary>
    MEM_PREPARE_ONLINE = 64,

    /// <summary>v6.9+: after <c>memory_block_offline()</c> tore the altmap down, or after an online failed past MEM_PREPARE_ONLINE.</summary>
    MEM_FINISH_OFFLINE = 128,
}
