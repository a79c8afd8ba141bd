namespace HotplugCluster.Kernel.Dax;

/// <summary>The dax bus drivers (<c>enum dax_driver_type</c>); <see cref="None"/> is an unbound device.</summary>
public enum DaxDriver
{
    None = 0,

    /// <summary>"device_dax" (DAXDRV_DEVICE_TYPE).</summary>
    DeviceDax = 1,

    /// <summary>"kmem" (DAXDRV_KMEM_TYPE).</summary>
    Kmem = 2,
}
