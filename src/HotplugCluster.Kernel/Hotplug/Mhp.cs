namespace HotplugCluster.Kernel.Hotplug;

/// <summary><c>mhp_t</c> flags of add_memory*() (include/linux/memory_hotplug.h).</summary>
[Flags]
public enum Mhp
{
    /// <summary><c>MHP_NONE</c>.</summary>
    None = 0,

    /// <summary><c>MHP_MERGE_RESOURCE</c>.</summary>
    MergeResource = 1,

    /// <summary><c>MHP_MEMMAP_ON_MEMORY</c>: a hint; the core may fall back (v6.6+).</summary>
    MemmapOnMemory = 2,

    /// <summary><c>MHP_NID_IS_MGID</c>: the nid argument is a memory group id.</summary>
    NidIsMgid = 4,
}
