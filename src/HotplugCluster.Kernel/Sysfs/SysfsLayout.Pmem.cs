using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Settings;

namespace HotplugCluster.Kernel.Sysfs;

public static partial class SysfsLayout
{
    /// <summary>The ACPI namespace root device; NFIT's ACPI0012 sits below its system bus (drivers/acpi/scan.c).</summary>
    private const string AcpiSystem = "LNXSYSTM:00";

    /// <summary>The NFIT bus: <c>nvdimm_bus_register()</c> names it ndbus0 below the ACPI0012 device (drivers/acpi/nfit/core.c).</summary>
    private const string NdBus = "/sys/devices/" + AcpiSystem + "/LNXSYBUS:00/ACPI0012:00/ndbus0";

    private static readonly string[] NdRegionFiles = ["numa_node", "resource", "size", "target_node"];
    private static readonly string[] NdNamespaceFiles = ["mode", "numa_node", "resource", "size"];
    private static readonly string[] NdDaxFiles = ["align", "mode", "namespace", "resource", "size"];

    /// <summary>The nd_dax device daxR.0 of a pmem region: the parent of its dax region's device, and daxctl's region path.</summary>
    public static string NdDax(PmemRegionLayout pmem)
    {
        ArgumentNullException.ThrowIfNull(pmem);
        return $"{NdBus}/region{pmem.RegionId}/{pmem.DaxName}";
    }

    private static bool HasPmem(HostState state) => !state.Layout.PmemRegions.IsDefaultOrEmpty;

    /// <summary>The dax regions a CXL region created (every region that is not a pmem region's).</summary>
    private static IEnumerable<DaxRegion> CxlRegions(HostState state) => state.Dax.Regions.Where(r => state.Layout.PmemRegion(r.Id) is null);

    /// <summary>/sys/bus/nd/devices: the bus, and each region, namespace and nd_dax device (drivers/nvdimm/bus.c nvdimm_bus_type).</summary>
    private static IEnumerable<(string, SysfsEntry)> NdBusDevices(HostState state)
    {
        yield return ("ndbus0", SysfsEntry.Link(NdBus));
        foreach (var p in state.Layout.PmemRegions)
        {
            yield return (p.DaxName, SysfsEntry.Link(NdDax(p)));
            yield return (p.Namespace, SysfsEntry.Link($"{NdBus}/region{p.RegionId}/{p.Namespace}"));
            yield return ($"region{p.RegionId}", SysfsEntry.Link($"{NdBus}/region{p.RegionId}"));
        }
    }

    /// <summary>
    /// The NFIT tree down to the dax device: ndbus0/regionR (<c>nd_region_attributes</c>), its namespaceR.0
    /// (<c>nd_namespace_attributes</c>) and the nd_dax daxR.0 that claims it (<c>nd_pfn_attributes</c>), which carries
    /// the static dax region's group (<c>dax_region_visible()</c>: align, id, size) and the dax device.
    /// </summary>
    private static IEnumerable<(string, SysfsEntry)>? NdTree(HostState state, string dir)
    {
        if (!HasPmem(state) || !dir.StartsWith("/sys/devices/" + AcpiSystem, StringComparison.Ordinal))
        {
            return null;
        }

        switch (dir)
        {
            case "/sys/devices/" + AcpiSystem:
                return Dirs("LNXSYBUS:00");
            case "/sys/devices/" + AcpiSystem + "/LNXSYBUS:00":
                return Dirs("ACPI0012:00");
            case "/sys/devices/" + AcpiSystem + "/LNXSYBUS:00/ACPI0012:00":
                return Dirs("ndbus0");
            case NdBus:
                return state.Layout.PmemRegions.Select(p => ($"region{p.RegionId}", SysfsEntry.Dir)).Append(("subsystem", SysfsEntry.Link("/sys/bus/nd")));
        }

        var (region, rest) = SysfsPath.Split(dir, NdBus);
        if (!SysfsPath.TryNumbered(region, "region", out var id) || state.Layout.PmemRegion((int)id) is not { } pmem)
        {
            return null;
        }

        var nd = SysfsPath.NdDevices;
        var ndDax = pmem.DaxName;
        if (rest is null)
        {
            return NdFiles(NdRegionFiles, $"{nd}/{region}").Concat([(ndDax, SysfsEntry.Dir), (pmem.Namespace, SysfsEntry.Dir), ("subsystem", SysfsEntry.Link("/sys/bus/nd"))]);
        }

        if (rest == pmem.Namespace)
        {
            return NdFiles(NdNamespaceFiles, $"{nd}/{pmem.Namespace}").Append(("subsystem", SysfsEntry.Link("/sys/bus/nd")));
        }

        if (rest == ndDax)
        {
            return NdFiles(NdDaxFiles, $"{nd}/{ndDax}").Concat(state.Dax.DevicesOf(pmem.RegionId).Select(d => (d.Name, SysfsEntry.Dir)))
                .Concat([("dax_region", SysfsEntry.Dir), ("subsystem", SysfsEntry.Link("/sys/bus/nd"))]);
        }

        if (rest == ndDax + "/dax_region")
        {
            var attrs = DaxRegionAttributes(state, pmem.RegionId);
            return [("align", SysfsEntry.File(Ro, attrs + "/align")), ("id", SysfsEntry.File(Ro, attrs + "/id")), ("size", SysfsEntry.File(Ro, attrs + "/size"))];
        }

        if (!rest.StartsWith(ndDax + "/", StringComparison.Ordinal))
        {
            return null;
        }

        var inner = rest[(ndDax.Length + 1)..];
        var slash = inner.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? inner : inner[..slash];
        if (state.Dax.Find(name) is not { } dev || dev.RegionId != pmem.RegionId)
        {
            return null;
        }

        return slash < 0 ? DaxDeviceFiles(state, dev) : DaxMapping(dev, inner[(slash + 1)..]);
    }

    private static IEnumerable<(string, SysfsEntry)> NdFiles(string[] names, string model) =>
        names.Select(f => (f, SysfsEntry.File(f == "resource" ? RootRo : Ro, $"{model}/{f}")));
}
