namespace HotplugCluster.Kernel.Settings;

/// <summary>
/// Historical kernel bugs (docs/kernel-model.md, "Historical kernel bugs") the model can re-introduce. Each switch
/// removes or reorders a step of the fixed code path (or passes the wrong argument, or skips a put); exploration should
/// find the bug with the switch on and not with it off. A member's kebab-case name is its config name
/// (<c>OnlinePagesWithoutMemHotplugLock</c> → <c>online-pages-without-mem-hotplug-lock</c>). A switch whose code path
/// the host's <see cref="KernelVersion"/> does not have changes nothing (noted per member).
/// </summary>
[Flags]
public enum KernelBugs
{
    None = 0,

    /// <summary>
    /// Fixed in v5.9 (5.8.y) by b4223a510e2a "mm/memory_hotplug: fix unpaired mem_hotplug_begin/done":
    /// try_remove_memory() took mem_hotplug_lock before checking that every block is offline and returned -EBUSY
    /// without releasing it, e.g. on kmem unbind with online memory.
    /// </summary>
    UnpairedMemHotplugBeginOnRemove = 1,

    /// <summary>
    /// Fixed in v4.20 by 381eab4a6ee8 "mm/memory_hotplug: fix online/offline_pages called w.o.
    /// mem_hotplug_lock": after 30467e0b3be moved mem_hotplug_begin() into state_store(), the <c>online</c>
    /// file (online_store() → device_online()/device_offline()) reached online_pages()/offline_pages() without
    /// mem_hotplug_lock, so zone->present_pages and the zone span were updated concurrently with other
    /// hotplug (commit message of 381eab4a6ee8, read in the stable backport). The model drops the MemHotplug
    /// acquire/release of <c>memory_block_online/offline()</c> on that path only; the steps still name the
    /// lock, so the lock-discipline check sees them run without it.
    /// </summary>
    OnlinePagesWithoutMemHotplugLock = 1 << 1,

    /// <summary>
    /// Fixed in v4.20 by 8df1d0e4a265 "mm/memory_hotplug: make add_memory() take the device_hotplug_lock" and
    /// d15e59260f62 "…make remove_memory() take the device_hotplug_lock": add_memory() and remove_memory()
    /// ran without device_hotplug_lock and raced with sysfs online/offline (a block could be onlined between
    /// remove's offline check and its removal). The model drops their DeviceHotplug acquire/release.
    /// </summary>
    AddRemoveWithoutDeviceHotplugLock = 1 << 2,

    /// <summary>
    /// Fixed in v6.7 by f42ce5f087eb "mm/memory_hotplug: fix error handling in
    /// add_memory_resource()": when create_memory_block_devices() failed, add_memory_resource() called
    /// arch_remove_memory(start, size, NULL), so a memmap allocated from the altmap was freed with free_pages()
    /// into the buddy. Pre-v6.8 (whole-range altmap) path only: <see cref="KernelVersion.V6_1"/>.
    /// </summary>
    AddMemoryResourceErrorPathWithoutAltmap = 1 << 3,

    /// <summary>
    /// Fixed in 2026 by Muchun Song's "mm/memory_hotplug: Fix incorrect altmap passing in error path" (fixes
    /// 6b8f0798b85a): in create_altmaps_and_memory_blocks() a create_memory_block_devices() failure called
    /// arch_remove_memory(…, NULL) for the block just added, so its altmap vmemmap pages went to the buddy while
    /// the direct map was torn down. Per-block altmap path only: <see cref="KernelVersion.V6_8"/>.
    /// </summary>
    IncorrectAltmapPassingInErrorPath = 1 << 4,

    /// <summary>
    /// Fixed in v6.7 by 001002e73712 "mm/memory_hotplug: add missing mem_hotplug_lock":
    /// memory_block_online/offline() adjusted the vmemmap pages' present count (and initialised their memmap)
    /// outside mem_hotplug_lock, racing readers of zone stats. On v6.8 the switch restores the old lock
    /// placement (the lock taken only around online_pages()/offline_pages()); the v6.1 model has it already.
    /// </summary>
    MissingMemHotplugLock = 1 << 5,

    /// <summary>
    /// Fixed in 2026 by 93866f55f7e2 "mm/memory_hotplug: fix memory block reference leak on remove" (fixes
    /// 6b8f0798b85a): remove_memory_blocks_and_altmaps() looked each block up with find_memory_block() and never
    /// dropped that reference, so removed memory_block devices were never released. v6.8 altmap path only.
    /// </summary>
    MemoryBlockReferenceLeakOnRemove = 1 << 6,

    /// <summary>
    /// Fixed in v6.3 by e686c32590f4 "dax/kmem: Fix leak of memory-hotplug resources" (the diff was
    /// read with the search tools): release_mem_region_adjustable() gave up at the first containing resource
    /// without IORESOURCE_SYSTEM_RAM (a CXL window or region above kmem's "daxX.Y"), so remove_memory() never
    /// released "System RAM (kmem)"; kmem then dropped "daxX.Y" with release_resource(), which takes the subtree
    /// with it, instead of remove_resource(): the kmem resources leaked, still pointing at freed parents
    /// (corrupting /proc/iomem once the region went). The model skips the release and records the orphans in
    /// <see cref="Host.HostState.LeakedResources"/>.
    /// </summary>
    LeakOfMemoryHotplugResources = 1 << 7,

    /// <summary>
    /// Fixed in v5.9 by 9683182612214 "mm/memory_hotplug: drain per-cpu pages again during memory
    /// offline": a page freed to a per-cpu list during isolation never reached the buddy, and the offline
    /// retry loop did not drain the lists again, so offline_pages() looped until a signal (or forever). Only
    /// visible with <see cref="Faults.FaultPlan.PcplistPagesDuringOffline"/>.
    /// </summary>
    NoPcpDrainDuringMemoryOffline = 1 << 8,

    /// <summary>
    /// Fixed in 2015 by 30467e0b3be "mm, hotplug: fix concurrent memory hot-add deadlock": add_memory()
    /// ran without device_hotplug_lock, took mem_hotplug_lock and then device_lock(memoryN) while registering
    /// each new block (bus_probe_device()), while a user online of that block took device_lock(memoryN) and then
    /// mem_hotplug_lock: an ABBA deadlock. The model drops add's DeviceHotplug acquire/release and adds the
    /// registration's device_lock (which cannot contend while add holds device_hotplug_lock, so the fixed path
    /// leaves it out).
    /// </summary>
    ConcurrentMemoryHotAddDeadlock = 1 << 9,
}
