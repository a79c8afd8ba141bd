namespace HotplugCluster.Kernel.Operations;

/// <summary>Which add entry point.</summary>
public enum AddMemoryVariant
{
    /// <summary><c>add_memory()</c>: takes device_hotplug_lock, resource "System RAM".</summary>
    AddMemory = 0,

    /// <summary><c>__add_memory()</c>: the caller (ACPI) holds device_hotplug_lock.</summary>
    Locked = 1,

    /// <summary><c>add_memory_driver_managed()</c>: "System RAM (driver)", IORESOURCE_SYSRAM_DRIVER_MANAGED.</summary>
    DriverManaged = 2,
}
