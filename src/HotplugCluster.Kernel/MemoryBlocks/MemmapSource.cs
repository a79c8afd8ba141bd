namespace HotplugCluster.Kernel.MemoryBlocks;

/// <summary>Where a block's memmap (struct pages) lives.</summary>
public enum MemmapSource : byte
{
    /// <summary>No sections present.</summary>
    None = 0,

    /// <summary>Boot memory: memblock-allocated from the node itself at boot.</summary>
    Boot = 1,

    /// <summary>Hotplug without memmap_on_memory: <c>vmemmap_alloc_block()</c> from a node's kernel zone at add time.</summary>
    Node = 2,

    /// <summary>memmap_on_memory: the block's own first pages, through its altmap.</summary>
    Altmap = 3,
}
