using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Events;

/// <summary><c>node_set_online()</c> + <c>register_one_node()</c>.</summary>
public sealed record NodeRegistered(NodeId Node) : KernelEvent;

/// <summary><c>try_offline_node()</c> took the node offline.</summary>
public sealed record NodeUnregistered(NodeId Node) : KernelEvent;

/// <summary>Boot DRAM of a node: "System RAM", online blocks in DMA32/Normal, boot memmap reserved from the node.</summary>
public sealed record BootMemoryAdded(NodeId Node, PhysAddr Start, ByteSize Size) : KernelEvent;

/// <summary>A CFMWS window was inserted as "CXL Window N".</summary>
public sealed record CxlWindowCreated(int Index, PhysAddr Start, ByteSize Size) : KernelEvent;

/// <summary>A committed RAM region regionN was inserted below its window.</summary>
public sealed record CxlRegionCreated(int Id, string Memdev, PhysAddr Start, ByteSize Size, int Ways, NodeId TargetNode) : KernelEvent;

/// <summary><c>alloc_dax_region()</c>.</summary>
public sealed record DaxRegionCreated(int Id, PhysAddr Start, ByteSize Size, NodeId TargetNode, ByteSize Align, bool Kmem) : KernelEvent;

/// <summary><c>devm_create_dev_dax()</c>.</summary>
public sealed record DaxDeviceCreated(int RegionId, int Id, PhysAddr Start, ByteSize Size, NodeId TargetNode, ByteSize Align, bool MemmapOnMemory) : KernelEvent;

/// <summary>
/// Firmware left <paramref name="Size"/> bytes at <paramref name="Start"/> of a node's boot DRAM out of the RAM map:
/// the "System RAM" resource splits around it and its pages are neither present nor managed (the block still
/// spans them). e820 reserved ranges, e.g. the legacy 640 KiB–1 MiB hole.
/// </summary>
public sealed record BootMemoryHole(NodeId Node, PhysAddr Start, ByteSize Size) : KernelEvent;
