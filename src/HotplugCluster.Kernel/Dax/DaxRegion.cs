using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Dax;

/// <summary>A dax region (<c>struct dax_region</c>, drivers/dax/bus.c); <see cref="Kmem"/> is IORESOURCE_DAX_KMEM.</summary>
public sealed record DaxRegion(int Id, PhysAddr Start, ByteSize Size, NodeId TargetNode, ByteSize Align, bool Kmem);
