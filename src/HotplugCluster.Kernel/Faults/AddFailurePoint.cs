namespace HotplugCluster.Kernel.Faults;

/// <summary>
/// Where in <c>add_memory_resource()</c> an injected allocation failure strikes (race seed (d), docs/kernel-model.md
/// "Race seeds").
/// </summary>
public enum AddFailurePoint
{
    /// <summary><c>arch_add_memory()</c> of the block fails (vmemmap or page-table allocation): -ENOMEM.</summary>
    ArchAddMemory = 0,

    /// <summary><c>create_memory_block_devices()</c> for the block fails (the <c>struct memory_block</c> allocation): -ENOMEM.</summary>
    CreateMemoryBlockDevices = 1,
}
