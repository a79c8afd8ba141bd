namespace HotplugCluster.Kernel.Settings;

/// <summary><c>memory_hotplug.memmap_on_memory</c> boot mode (mm/memory_hotplug.c <c>enum memmap_mode</c>).</summary>
public enum MemmapOnMemoryMode
{
    Off = 0,
    On = 1,

    /// <summary>v6.6+: pad the memmap to whole pageblocks.</summary>
    Force = 2,
}
