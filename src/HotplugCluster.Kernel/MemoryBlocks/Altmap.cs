using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.MemoryBlocks;

/// <summary>Mirrors <c>struct vmem_altmap</c> (include/linux/memremap.h) for one block's self-hosted memmap.</summary>
public readonly record struct Altmap(Pfn BasePfn, Pfn EndPfn, PageCount Reserve, PageCount Free, PageCount Align, PageCount Alloc)
{
    /// <summary><c>vmem_altmap_offset()</c>: pages at the block start not given to the buddy.</summary>
    public PageCount Offset => Reserve + Free;

    /// <summary>The per-block altmap <c>create_altmaps_and_memory_blocks()</c> builds, fully consumed by the vmemmap.</summary>
    /// <remarks>mm/memory_hotplug.c (v6.8).</remarks>
    public static Altmap ForBlock(PhysAddr start, ByteSize blockSize, PageCount memmapPages) =>
        new(start.ToPfn(), new PhysAddr(checked(start.Value + blockSize.Bytes - 1)).ToPfn(),
            PageCount.Zero, memmapPages, PageCount.Zero, memmapPages);
}
