namespace HotplugCluster.Kernel.Workload;

/// <summary>What a workload page is, as offlining sees it (mm/memory_hotplug.c <c>offline_pages()</c>).</summary>
public enum PageKind
{
    /// <summary>LRU or movable pages: migrated away on offline.</summary>
    Movable = 0,

    /// <summary>Kernel allocations (slab, page tables, memmap): isolation fails with -EBUSY.</summary>
    Unmovable = 1,

    /// <summary>Movable pages with an elevated refcount: migration fails and is retried until a signal (-EINTR).</summary>
    Pinned = 2,
}
