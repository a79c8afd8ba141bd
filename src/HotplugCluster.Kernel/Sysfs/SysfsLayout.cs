using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Sysfs;

/// <summary>
/// The simulated trees as directories, files and symlinks, as a process walking <c>/sys</c> and <c>/proc</c> sees them:
/// what each directory lists (drivers/base/memory.c, drivers/base/node.c, drivers/dax/bus.c; the driver core adds
/// <c>subsystem</c>, <c>driver</c>, <c>power</c> and <c>uevent</c> to every device), each file's mode, and each link's target.
/// A dax device lives below its region, below the CXL root decoder and region that created it
/// (<c>/sys/devices/platform/ACPI0017:00/root0/decoder0.R/regionR/dax_regionR/daxR.N</c>: libdaxctl reads the region
/// from <c>daxR.N/../dax_region</c> and requires its path to start with /sys/devices); <c>/sys/bus/dax/devices/daxR.N</c>,
/// <c>/sys/bus/cxl/devices/*</c> and <c>/sys/dev/char/MAJ:MIN</c> link there.
/// Files keep the paths <see cref="SysfsReader"/> and <see cref="SysfsWriter"/> know them by.
/// </summary>
public static partial class SysfsLayout
{
    /// <summary>The dax character devices' major number (dynamic in the kernel: alloc_chrdev_region() in drivers/dax/super.c).</summary>
    public const int DaxMajor = 252;

    private const int Ro = 0x124;      // 0444
    private const int Rw = 0x1a4;      // 0644
    private const int RootRo = 0x100;  // 0400
    private const int Wo = 0x80;       // 0200
    private const int RootRw = 0x180;  // 0600

    private static readonly string[] BlockFilesRo = ["phys_device", "phys_index", "removable", "valid_zones"];

    /// <summary>The entry at <paramref name="path"/> (absolute, no trailing slash), or null when there is none.</summary>
    public static SysfsEntry? Lookup(HostState state, string path)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(path);
        if (path == "/")
        {
            return SysfsEntry.Dir;
        }

        var slash = path.LastIndexOf('/');
        if (slash < 0)
        {
            return null;
        }

        var dir = slash == 0 ? "/" : path[..slash];
        var name = path[(slash + 1)..];

        // The large directories answer one name without listing every block.
        if (dir == SysfsPath.Memory && SysfsPath.TryNumbered(name, "memory", out var id))
        {
            return state.Blocks.TryFind(new BlockId(id), out _) ? SysfsEntry.Dir : null;
        }

        if (dir == BusMemoryDevices && SysfsPath.TryNumbered(name, "memory", out id))
        {
            return state.Blocks.TryFind(new BlockId(id), out _) ? SysfsEntry.Link($"{SysfsPath.Memory}/{name}") : null;
        }

        var (node, file) = SysfsPath.Split(dir, SysfsPath.Node);
        if (node is not null && file is null && SysfsPath.TryNumbered(name, "memory", out id))
        {
            return SysfsPath.TryNumbered(node, "node", out var nid) && state.Blocks.TryFind(new BlockId(id), out var b) && b.Nid.Value == nid
                ? SysfsEntry.Link($"{SysfsPath.Memory}/{name}")
                : null;
        }

        foreach (var (child, entry) in Children(state, dir) ?? [])
        {
            if (child == name)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary><c>ls dir</c>: the names below a directory, sorted as ls sorts them, or null when it is not a directory.</summary>
    public static IReadOnlyList<string>? List(HostState state, string dir)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(dir);
        var children = Children(state, dir);
        return children is null ? null : [.. children.Select(c => c.Name).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// <paramref name="path"/> with every symlink along it followed, as the kernel's path walk does (<c>..</c> after a link
    /// goes up from its target); the path itself when a component does not exist.
    /// </summary>
    public static string Resolve(HostState state, string path)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(path);
        var done = new List<string>();
        var todo = new Stack<string>(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        for (var hops = 0; todo.Count > 0 && hops < 40;)
        {
            var part = todo.Pop();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (done.Count > 0)
                {
                    done.RemoveAt(done.Count - 1);
                }

                continue;
            }

            var here = "/" + string.Join('/', done.Append(part));
            if (Lookup(state, here) is { Kind: SysfsEntryKind.Symlink, Target: { } target })
            {
                hops++;
                done.Clear();
                foreach (var t in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
                {
                    todo.Push(t);
                }

                continue;
            }

            done.Add(part);
        }

        return "/" + string.Join('/', done);
    }

    /// <summary>What <c>readlink</c> prints for a link in <paramref name="dir"/> to <paramref name="target"/>: the path relative to the link's directory, as sysfs writes it.</summary>
    public static string Relative(string dir, string target)
    {
        ArgumentNullException.ThrowIfNull(dir);
        ArgumentNullException.ThrowIfNull(target);
        var from = dir.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var to = target.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var common = 0;
        while (common < from.Length && common < to.Length && from[common] == to[common])
        {
            common++;
        }

        return string.Join('/', Enumerable.Repeat("..", from.Length - common).Concat(to.Skip(common)));
    }

    /// <summary>The directory of a dax device, below its region's device (a CXL dax_regionR, or a pmem nd_dax daxR.0).</summary>
    public static string DaxDeviceDir(HostState state, DaxDevice dev)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(dev);
        return state.Layout.PmemRegion(dev.RegionId) is { } pmem ? $"{NdDax(pmem)}/{dev.Name}" : $"{RegionDevice(dev.RegionId)}/{dev.Name}";
    }

    /// <summary>Where the files of a dax region's <c>dax_region/</c> group are read and written (each device kind's bus path).</summary>
    public static string DaxRegionAttributes(HostState state, int region)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Layout.PmemRegion(region) is { } pmem
            ? $"{SysfsPath.NdDevices}/{pmem.DaxName}/dax_region"
            : $"{SysfsPath.CxlDevices}/dax_region{region}/dax_region";
    }

    /// <summary>The dax_regionR device of a CXL region (drivers/cxl/core/region.c devm_cxl_add_dax_region(), a child of regionR, itself a child of its root decoder).</summary>
    public static string RegionDevice(int region) => $"{CxlRoot}/decoder0.{region}/region{region}/dax_region{region}";

    /// <summary>The minor number of a dax device: its place among the devices (the kernel hands out the lowest free one, in creation order).</summary>
    public static int DaxMinor(HostState state, DaxDevice dev)
    {
        ArgumentNullException.ThrowIfNull(state);
        var minor = 0;
        foreach (var d in state.Dax.Devices)
        {
            if (ReferenceEquals(d, dev))
            {
                return minor;
            }

            minor++;
        }

        return -1;
    }

    private const string BusMemoryDevices = "/sys/bus/memory/devices";
    private const string CxlRoot = "/sys/devices/platform/ACPI0017:00/root0";

    private static IEnumerable<(string Name, SysfsEntry Entry)>? Children(HostState state, string dir) => dir switch
    {
        "/" => Dirs("proc", "sys"),
        "/proc" => [("iomem", SysfsEntry.File(Ro, SysfsPath.ProcIomem)), ("meminfo", SysfsEntry.File(Ro, SysfsPath.ProcMeminfo)), ("zoneinfo", SysfsEntry.File(RootRo, SysfsPath.ProcZoneinfo))],
        "/sys" => Dirs("bus", "dev", "devices", "kernel", "module"),
        "/sys/bus" => HasPmem(state) ? Dirs("cxl", "cpu", "dax", "memory", "nd", "node") : Dirs("cxl", "cpu", "dax", "memory", "node"),
        "/sys/bus/memory" or "/sys/bus/node" or "/sys/bus/cxl" or "/sys/bus/cpu" => Dirs("devices"),
        "/sys/bus/nd" => HasPmem(state) ? Dirs("devices") : null,
        SysfsPath.NdDevices => HasPmem(state) ? NdBusDevices(state) : null,
        "/sys/bus/cpu/devices" => Cpus(state).Select(c => ($"cpu{c.Cpu}", SysfsEntry.Link($"{CpuDir}/cpu{c.Cpu}"))),
        BusMemoryDevices => state.Blocks.Registered().Select(b => ($"memory{b.Id.Value}", SysfsEntry.Link($"{SysfsPath.Memory}/memory{b.Id.Value}"))),
        "/sys/bus/node/devices" => state.Nodes.Where(n => n.Online).Select(n => ($"node{n.Id.Value}", SysfsEntry.Link($"{SysfsPath.Node}/node{n.Id.Value}"))),
        SysfsPath.CxlDevices => CxlBusDevices(state),
        "/sys/bus/dax" => Dirs("devices", "drivers"),
        SysfsPath.DaxDevices => state.Dax.Devices.Select(d => (d.Name, SysfsEntry.Link(DaxDeviceDir(state, d)))),
        SysfsPath.DaxDrivers => Dirs("device_dax", "kmem"),
        "/sys/dev" => Dirs("char"),
        "/sys/dev/char" => state.Dax.Devices.Select(d => ($"{DaxMajor}:{DaxMinor(state, d)}", SysfsEntry.Link(DaxDeviceDir(state, d)))),
        "/sys/devices" => HasPmem(state) ? Dirs(AcpiSystem, "platform", "system") : Dirs("platform", "system"),
        "/sys/devices/platform" => CxlRegions(state).Any() ? Dirs("ACPI0017:00") : [],
        "/sys/devices/platform/ACPI0017:00" => CxlRegions(state).Any() ? Dirs("root0") : null,
        CxlRoot => CxlRegions(state).Select(r => ($"decoder0.{r.Id}", SysfsEntry.Dir)),
        "/sys/devices/system" => Dirs("cpu", "memory", "node"),
        CpuDir => Cpus(state).Select(c => ($"cpu{c.Cpu}", SysfsEntry.Dir)),
        SysfsPath.Memory => MemoryDir(state),
        SysfsPath.Node => NodeDir(state),
        "/sys/kernel" => Dirs("debug"),
        "/sys/kernel/debug" => Dirs("notifier-error-inject"),
        "/sys/kernel/debug/notifier-error-inject" => Dirs("memory"),
        "/sys/kernel/debug/notifier-error-inject/memory" => Dirs("actions"),
        SysfsPath.NotifierInject => Dirs("MEM_GOING_OFFLINE", "MEM_GOING_ONLINE"),
        SysfsPath.NotifierInject + "/MEM_GOING_OFFLINE" or SysfsPath.NotifierInject + "/MEM_GOING_ONLINE" => [("error", SysfsEntry.File(RootRw, dir + "/error"))],
        "/sys/module" => Dirs("device_dax", "kmem", "memory_hotplug"),
        "/sys/module/device_dax" or "/sys/module/kmem" => [("initstate", SysfsEntry.File(Ro, dir + "/initstate"))],
        "/sys/module/memory_hotplug" => Dirs("parameters"),
        SysfsPath.HotplugParameters => HotplugParameters(),
        _ => Nested(state, dir),
    };

    /// <summary>/sys/bus/cxl/devices: links to the root port, the root decoders, the regions and their dax_region devices.</summary>
    private static IEnumerable<(string, SysfsEntry)> CxlBusDevices(HostState state)
    {
        foreach (var r in CxlRegions(state))
        {
            yield return ($"dax_region{r.Id}", SysfsEntry.Link(RegionDevice(r.Id)));
            yield return ($"decoder0.{r.Id}", SysfsEntry.Link($"{CxlRoot}/decoder0.{r.Id}"));
            yield return ($"region{r.Id}", SysfsEntry.Link($"{CxlRoot}/decoder0.{r.Id}/region{r.Id}"));
        }

        if (CxlRegions(state).Any())
        {
            yield return ("root0", SysfsEntry.Link(CxlRoot));
        }
    }

    private static IEnumerable<(string, SysfsEntry)> Dirs(params string[] names) => names.Select(n => (n, SysfsEntry.Dir));

    private static IEnumerable<(string, SysfsEntry)> HotplugParameters()
    {
        // mm/memory_hotplug.c: memmap_on_memory is 0444 on 6.1 (module_param(..., 0444)) and stays read-only after boot.
        var p = SysfsPath.HotplugParameters;
        yield return ("auto_movable_numa_aware", SysfsEntry.File(Rw, p + "/auto_movable_numa_aware"));
        yield return ("auto_movable_ratio", SysfsEntry.File(Rw, p + "/auto_movable_ratio"));
        yield return ("memmap_on_memory", SysfsEntry.File(Ro, p + "/memmap_on_memory"));
        yield return ("online_policy", SysfsEntry.File(Rw, p + "/online_policy"));
    }

    /// <summary>Whether dax devices have the memmap_on_memory attribute (drivers/dax/bus.c, since 6.8).</summary>
    private static bool DaxHasMemmapKnob(HostState state) => state.Version != KernelVersion.V6_1;
}
