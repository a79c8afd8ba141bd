using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Cxl;

/// <summary>A committed CXL RAM region regionN filling the N-th window (drivers/cxl/core/region.c).</summary>
public sealed record CxlRegion(int Id, string Memdev, PhysAddr Start, ByteSize Size, int Ways, NodeId TargetNode);
