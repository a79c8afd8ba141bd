namespace HotplugCluster.Kernel.Zones;

/// <summary>Zone names as the kernel prints them (<c>zone_names[]</c> in mm/page_alloc.c).</summary>
public static class ZoneNames
{
    public static string Of(ZoneType zone) => zone switch
    {
        ZoneType.Dma => "DMA",
        ZoneType.Dma32 => "DMA32",
        ZoneType.Normal => "Normal",
        ZoneType.Movable => "Movable",
        _ => "none",
    };

    /// <summary>Whether the zone is a kernel zone (everything below ZONE_MOVABLE).</summary>
    public static bool IsKernel(ZoneType zone) => zone is ZoneType.Dma or ZoneType.Dma32 or ZoneType.Normal;
}
