using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Acpi;

/// <summary>An ACPI memory device (PNP0C80, a QEMU pc-dimm) with its one <c>_CRS</c> range and static group.</summary>
public sealed record AcpiMemoryDevice(string Name, NodeId Node, PhysAddr Start, ByteSize Size, int Mgid);
