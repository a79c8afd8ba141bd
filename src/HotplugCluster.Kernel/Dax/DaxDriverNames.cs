namespace HotplugCluster.Kernel.Dax;

/// <summary>Driver names under /sys/bus/dax/drivers.</summary>
public static class DaxDriverNames
{
    public static string Of(DaxDriver driver) => driver switch
    {
        DaxDriver.DeviceDax => "device_dax",
        DaxDriver.Kmem => "kmem",
        _ => string.Empty,
    };

    public static DaxDriver? Parse(string name) => name switch
    {
        "device_dax" => DaxDriver.DeviceDax,
        "kmem" => DaxDriver.Kmem,
        _ => null,
    };
}
