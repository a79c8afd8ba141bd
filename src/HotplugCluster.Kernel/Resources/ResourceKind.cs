namespace HotplugCluster.Kernel.Resources;

/// <summary>The <c>IORESOURCE_*</c> bits the model needs (include/linux/ioport.h).</summary>
[Flags]
public enum ResourceKind
{
    None = 0,

    /// <summary><c>IORESOURCE_MEM</c>.</summary>
    Mem = 1,

    /// <summary><c>IORESOURCE_SYSRAM</c>.</summary>
    SystemRam = 2,

    /// <summary><c>IORESOURCE_BUSY</c>.</summary>
    Busy = 4,

    /// <summary><c>IORESOURCE_SYSRAM_DRIVER_MANAGED</c>.</summary>
    DriverManaged = 8,
}
