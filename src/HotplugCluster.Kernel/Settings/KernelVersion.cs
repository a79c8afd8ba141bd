namespace HotplugCluster.Kernel.Settings;

/// <summary>The kernel releases the model can behave as (docs/kernel-model.md, "Kernel versions").</summary>
public enum KernelVersion
{
    /// <summary>v6.8: per-block memmap_on_memory split, kmem passes MHP_MEMMAP_ON_MEMORY, dax memmap_on_memory knob.</summary>
    V6_8 = 0,

    /// <summary>v6.1: memmap_on_memory only for single-block adds, kmem never asks for it, no dax knob.</summary>
    V6_1 = 1,
}
