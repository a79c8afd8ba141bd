using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.MemoryBlocks;

/// <summary>A static memory group (<c>struct memory_group</c>, drivers/base/memory.c): one device's blocks.</summary>
public sealed class MemoryGroup
{
    internal MemoryGroup(int id, NodeId nid, PageCount maxPages)
    {
        Id = id;
        Nid = nid;
        MaxPages = maxPages;
    }

    /// <summary>A copy (every field is a value).</summary>
    internal MemoryGroup Copy() => (MemoryGroup)MemberwiseClone();

    public int Id { get; }

    public NodeId Nid { get; }

    /// <summary><c>group->s.max_pages</c>.</summary>
    public PageCount MaxPages { get; }

    public PageCount PresentKernelPages { get; internal set; }

    public PageCount PresentMovablePages { get; internal set; }
}
