using HotplugCluster.Kernel.Settings;

namespace HotplugCluster.Kernel.Hotplug;

/// <summary>mm/memory_hotplug.c module parameters and the default online type. Host-wide owner.</summary>
public sealed class HotplugParameters
{
    internal HotplugParameters(KernelSettings k)
    {
        MemmapMode = k.MemmapOnMemory;
        OnlinePolicy = k.OnlinePolicy;
        AutoMovableRatio = k.AutoMovableRatio;
        AutoMovableNumaAware = k.AutoMovableNumaAware;
        MovableNode = k.MovableNode;
        DefaultOnlineType = k.AutoOnlineBlocks;
    }

    /// <summary><c>memmap_mode</c>: 0444, boot only.</summary>
    /// <summary>A copy (every field is a value).</summary>
    internal HotplugParameters Copy() => (HotplugParameters)MemberwiseClone();

    public MemmapOnMemoryMode MemmapMode { get; }

    public OnlinePolicy OnlinePolicy { get; internal set; }

    public uint AutoMovableRatio { get; internal set; }

    public bool AutoMovableNumaAware { get; internal set; }

    /// <summary><c>movable_node_enabled</c> (boot parameter <c>movable_node</c>).</summary>
    public bool MovableNode { get; }

    /// <summary><c>mhp_default_online_type</c> (/sys/devices/system/memory/auto_online_blocks).</summary>
    public OnlineType DefaultOnlineType { get; internal set; }
}
