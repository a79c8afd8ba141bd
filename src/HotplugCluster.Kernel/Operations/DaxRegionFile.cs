namespace HotplugCluster.Kernel.Operations;

/// <summary>Which writable dax region / device attribute a <see cref="DaxRegionStore"/> serves.</summary>
public enum DaxRegionFile
{
    Create = 0,
    Delete = 1,
    Size = 2,
    Align = 3,
}
