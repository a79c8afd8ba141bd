namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// The locks that order memory hotplug (Documentation/core-api/memory-hotplug.rst "Locking Internals"; DESIGN "How a
/// kernel code path becomes messages").
/// </summary>
public enum KernelLock
{
    None = 0,

    /// <summary><c>device_hotplug_lock</c> (drivers/base/core.c), global mutex.</summary>
    DeviceHotplug = 1,

    /// <summary><c>mem_hotplug_lock</c> for write (<c>mem_hotplug_begin()</c>), taken after cpus_read_lock.</summary>
    MemHotplug = 2,

    /// <summary><c>device_lock(&amp;mem-&gt;dev)</c> of one memory block.</summary>
    MemoryBlockDevice = 3,

    /// <summary><c>device_lock()</c> of a dax device, held by the driver core around probe and remove.</summary>
    DaxDevice = 4,

    /// <summary><c>dax_dev_rwsem</c> (drivers/dax/bus.c, v6.9+).</summary>
    DaxDevRwsem = 5,

    /// <summary><c>dax_region_rwsem</c> (drivers/dax/bus.c, v6.9+).</summary>
    DaxRegionRwsem = 6,

    /// <summary><c>device_lock()</c> of a CXL memdev (memN), held by the driver core around cxl_mem probe and remove.</summary>
    CxlMemdev = 7,
}
