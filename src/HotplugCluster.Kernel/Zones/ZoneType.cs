namespace HotplugCluster.Kernel.Zones;

/// <summary>
/// The x86_64 zones the model has (<c>enum zone_type</c>); <see cref="None"/> is a NULL <c>mem->zone</c>.
/// The values are journaled, so ZONE_DMA, added last, has the highest value; <see cref="NumaNode.Zones"/> lists the
/// zones in the kernel's order (DMA, DMA32, Normal, Movable).
/// </summary>
public enum ZoneType : byte
{
    None = 0,
    Dma32 = 1,
    Normal = 2,
    Movable = 3,

    /// <summary>ZONE_DMA: the first 16 MiB (<c>MAX_DMA_PFN</c>, arch/x86/include/asm/dma.h).</summary>
    Dma = 4,
}
