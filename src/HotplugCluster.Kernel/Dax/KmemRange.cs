using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Dax;

/// <summary>One block-aligned range kmem hot-added (<c>data->res[i]</c>); <see cref="Added"/> is false when its add failed.</summary>
public sealed record KmemRange(PhysAddr Start, ByteSize Size, bool Added);
