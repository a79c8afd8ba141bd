using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Settings;

/// <summary>
/// A CXL memory expander (<c>host.cxl-devices[i]</c>); <paramref name="Base"/> places its CFMWS window, null lets the
/// model pick. <paramref name="Present"/> false: the slot (and its CFMWS window) exists at boot but the card is not
/// plugged in; <c>cxl insert</c> hot-inserts it later.
/// </summary>
public sealed record CxlDeviceSettings(
    string Name,
    ByteSize Capacity,
    int TargetNode,
    PhysAddr? Base = null,
    CxlDeviceMode Mode = CxlDeviceMode.SystemRam,
    int InterleaveWays = 1,
    bool Present = true);
