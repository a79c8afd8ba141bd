namespace HotplugCluster.Kernel.Settings;

/// <summary>
/// Historical kernel bugs (reference §8) the model can re-introduce. Each switch removes or reorders a step
/// of the fixed code path; exploration should find the bug with the switch on and not with it off.
/// </summary>
[Flags]
public enum KernelBugs
{
    None = 0,

    /// <summary>
    /// §8 #6 (fixed in v5.8, "mm/memory_hotplug: fix unpaired mem_hotplug_begin/done"): try_remove_memory()
    /// took mem_hotplug_lock before checking that every block is offline and returned -EBUSY without
    /// releasing it, e.g. on kmem unbind with online memory.
    /// </summary>
    UnpairedMemHotplugBeginOnRemove = 1,
}
