namespace HotplugCluster.Kernel.Operations;

/// <summary>Which partition of the host state a step touches (the actor that will own it).</summary>
public enum StateOwner
{
    /// <summary>No state: parsing, pure checks.</summary>
    None = 0,

    /// <summary>Host-wide: parameters, notifier chain, dmesg.</summary>
    Host = 1,

    /// <summary>The iomem resource tree.</summary>
    Resources = 2,

    /// <summary>Memory groups.</summary>
    MemoryGroups = 3,

    /// <summary>A NUMA node's zones and page accounting.</summary>
    Node = 4,

    /// <summary>One memory block (or the block slots of a range).</summary>
    Block = 5,

    /// <summary>The dax bus (regions, id lists).</summary>
    DaxBus = 6,

    /// <summary>One dax device.</summary>
    DaxDevice = 7,

    /// <summary>One CXL memdev with its region (the <c>regionN</c> of its window).</summary>
    CxlDevice = 8,
}
