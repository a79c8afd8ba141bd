using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Settings;

/// <summary>A node's boot DRAM range (one e820 "System RAM" entry).</summary>
public sealed record NodeDram(NodeId Node, PhysAddr Start, ByteSize Size);
