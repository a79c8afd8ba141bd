namespace HotplugCluster.Fleet.Configuration;

/// <summary>The operations of a fleet timeline.</summary>
public enum FleetOperationKind
{
    /// <summary>Every CXL dax device from device_dax to kmem (daxctl reconfigure-device -m system-ram --no-online).</summary>
    HotAddCxl = 0,

    /// <summary>Every offline hot-added block onlined through its state file.</summary>
    Online = 1,

    /// <summary>The class's workload allocated on every node.</summary>
    Fill = 2,

    /// <summary>A fraction of each CXL device's blocks offlined and removed (offline_and_remove_memory per block).</summary>
    Reclaim = 3,

    /// <summary>The ranges a reclaim removed added back (add_memory_driver_managed) and onlined again.</summary>
    ReAdd = 4,
}
