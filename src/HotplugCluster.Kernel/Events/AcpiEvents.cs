using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Events;

/// <summary><c>acpi_memory_device_add()</c> enabled the device.</summary>
public sealed record AcpiMemoryDeviceAdded(string Name, NodeId Node, PhysAddr Start, ByteSize Size, int Mgid) : KernelEvent;

/// <summary>The device was ejected (<c>acpi_memory_device_remove()</c>).</summary>
public sealed record AcpiMemoryDeviceRemoved(string Name) : KernelEvent;
