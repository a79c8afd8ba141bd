namespace HotplugCluster.Kernel.Settings;

/// <summary>The kernel releases the model can behave as (docs/kernel-model.md, "Kernel versions").</summary>
public enum KernelVersion
{
    /// <summary>v6.8: per-block memmap_on_memory split, kmem passes MHP_MEMMAP_ON_MEMORY, dax memmap_on_memory knob.</summary>
    V6_8 = 0,

    /// <summary>v6.1: memmap_on_memory only for single-block adds, kmem never asks for it, no dax knob.</summary>
    V6_1 = 1,

    /// <summary>
    /// v6.12: as v6.8, plus what changed in this area since: <c>memory_block_online()</c> announces
    /// MEM_PREPARE_ONLINE before it initialises the altmap and <c>memory_block_offline()</c> MEM_FINISH_OFFLINE after
    /// tearing it down (v6.9, drivers/base/memory.c, for s390's standby memory).
    /// </summary>
    V6_12 = 2,
}
