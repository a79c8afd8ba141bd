using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Settings;

/// <summary>
/// A gap in a node's boot DRAM that firmware does not report as RAM (e820 reserved, e.g. the legacy 640 KiB–1 MiB
/// hole), at <paramref name="Offset"/> from the start of the node's DRAM. The memory block holding it stays online
/// and cannot be offlined (<c>offline_pages()</c>: "memory holes").
/// </summary>
public sealed record MemoryHole(ByteSize Offset, ByteSize Size);
