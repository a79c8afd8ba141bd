namespace HotplugCluster.Kernel.Settings;

/// <summary>What the dax device of a CXL region is bound to at boot.</summary>
public enum CxlDeviceMode
{
    /// <summary>kmem auto-binds (the region is IORESOURCE_DAX_KMEM, drivers/dax/cxl.c).</summary>
    SystemRam = 0,

    /// <summary>The dax device is handed to device_dax instead (as daxctl reconfigure-device -m devdax leaves it).</summary>
    Devdax = 1,
}
