using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Settings;

namespace HotplugCluster.Kernel.Sysfs;

/// <summary>
/// Where a dax region's device sits under /sys/devices, the parent directory of its daxX.Y devices (what
/// <c>realpath /sys/bus/dax/devices/daxX.Y/..</c> gives, and so daxctl's region "path").
/// </summary>
public static class DaxRegionDevicePath
{
    /// <summary>
    /// v6.3+: a CXL RAM region's dax_region under its root decoder (one CFMWS window per region in the model, decoder0.N);
    /// v6.1: the hmem platform device that presents the same range (drivers/dax/hmem/hmem.c registers "hmem" with the
    /// region id as platform id and makes it the dax region's parent).
    /// </summary>
    /// <remarks>devm_cxl_add_dax_region() "dax_region%d", drivers/cxl/core/region.c; cxl_acpi ACPI0017 root0 (6.12); hmem_register_device(), drivers/dax/hmem/device.c (6.1).</remarks>
    /// <remarks>A pmem region's: its nd_dax device, parent of the dax region (__dax_pmem_probe(), drivers/dax/pmem.c).</remarks>
    public static string Of(HostState state, int regionId)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Layout.PmemRegion(regionId) is { } pmem)
        {
            return SysfsLayout.NdDax(pmem);
        }

        return state.Layout.Settings.Kernel.Version == KernelVersion.V6_1
            ? $"/sys/devices/platform/hmem.{regionId}"
            : $"/sys/devices/platform/ACPI0017:00/root0/decoder0.{regionId}/region{regionId}/dax_region{regionId}";
    }
}
