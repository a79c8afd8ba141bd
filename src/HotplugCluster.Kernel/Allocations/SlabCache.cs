namespace HotplugCluster.Kernel.Allocations;

/// <summary>The slab caches memory hotplug allocates from (x86_64, SLUB), with their object sizes.</summary>
public enum SlabCache : byte
{
    /// <summary><c>kmalloc-64</c>: a section's <c>struct mem_section_usage</c> (subsection map and pageblock flags, 40 B).</summary>
    Kmalloc64 = 0,

    /// <summary><c>kmalloc-1k</c>: a <c>struct memory_block</c>, which embeds its <c>struct device</c> (over 512 B).</summary>
    Kmalloc1k = 1,

    /// <summary><c>kernfs_node_cache</c>: one 128 B <c>struct kernfs_node</c> per sysfs directory, file or link.</summary>
    KernfsNode = 2,
}
