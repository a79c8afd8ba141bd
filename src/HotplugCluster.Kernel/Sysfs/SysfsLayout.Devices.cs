using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Sysfs;

public static partial class SysfsLayout
{
    private static readonly string[] MappingFiles = ["end", "page_offset", "start"];
    private static readonly string[] DriverFiles = ["bind", "new_id", "remove_id", "unbind"];
    private static readonly string[] NodeStateFiles = ["has_cpu", "has_generic_initiator", "has_memory", "has_normal_memory", "online", "possible"];

    /// <summary>
    /// /sys/devices/system/memory: the memory subsystem's root device (drivers/base/memory.c <c>memory_root_attrs</c>: block_size_bytes,
    /// auto_online_blocks, and on x86 with CONFIG_MEMORY_FAILURE hard_offline_page and soft_offline_page), its power and uevent, and the blocks.
    /// </summary>
    private static IEnumerable<(string, SysfsEntry)> MemoryDir(HostState state)
    {
        var m = SysfsPath.Memory;
        yield return ("auto_online_blocks", SysfsEntry.File(Rw, m + "/auto_online_blocks"));
        yield return ("block_size_bytes", SysfsEntry.File(Ro, m + "/block_size_bytes"));
        yield return ("hard_offline_page", SysfsEntry.File(Wo, m + "/hard_offline_page"));
        yield return ("power", SysfsEntry.Dir);
        yield return ("soft_offline_page", SysfsEntry.File(Wo, m + "/soft_offline_page"));
        yield return ("uevent", SysfsEntry.File(Rw, m + "/uevent"));
        foreach (var b in state.Blocks.Registered())
        {
            yield return ($"memory{b.Id.Value}", SysfsEntry.Dir);
        }
    }

    /// <summary>/sys/devices/system/node: drivers/base/node.c <c>node_state_attrs</c> (has_generic_initiator since 5.10), power, uevent, the online nodes.</summary>
    private static IEnumerable<(string, SysfsEntry)> NodeDir(HostState state)
    {
        var n = SysfsPath.Node;
        foreach (var f in NodeStateFiles)
        {
            yield return (f, SysfsEntry.File(Ro, $"{n}/{f}"));
        }

        foreach (var node in state.Nodes.Where(x => x.Online))
        {
            yield return ($"node{node.Id.Value}", SysfsEntry.Dir);
        }

        yield return ("power", SysfsEntry.Dir);
        yield return ("uevent", SysfsEntry.File(Rw, n + "/uevent"));
    }

    private static IEnumerable<(string, SysfsEntry)>? Nested(HostState state, string dir)
    {
        var (block, blockRest) = SysfsPath.Split(dir, SysfsPath.Memory);
        if (block is not null)
        {
            return SysfsPath.TryNumbered(block, "memory", out var id) && state.Blocks.TryFind(new BlockId(id), out var b)
                ? blockRest switch
                {
                    null => BlockDir(dir, b.Nid.Value),
                    "power" => [],
                    _ => null,
                }
                : blockRest is null && block == "power" ? [] : null;
        }

        var (node, nodeRest) = SysfsPath.Split(dir, SysfsPath.Node);
        if (node is not null)
        {
            return node == "power" && nodeRest is null ? []
                : SysfsPath.TryNumbered(node, "node", out var nid) && state.Node(new NodeId((int)nid)) is { Online: true }
                    ? nodeRest switch
                    {
                        null => NodeNDir(state, dir, (int)nid),
                        "power" or "x86" => [],
                        _ => NodeHugepages(dir, nodeRest),
                    }
                    : null;
        }

        var (decoder, decoderRest) = SysfsPath.Split(dir, CxlRoot);
        if (decoder is not null && decoder.StartsWith("decoder0.", StringComparison.Ordinal)
            && int.TryParse(decoder.AsSpan("decoder0.".Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var r)
            && state.Dax.Region(r) is not null && state.Layout.PmemRegion(r) is null)
        {
            var regionDir = $"region{r}";
            var daxRegion = $"{regionDir}/dax_region{r}";
            return decoderRest switch
            {
                null => Dirs(regionDir),
                _ when decoderRest == regionDir => Dirs($"dax_region{r}"),
                _ when decoderRest == daxRegion => RegionDir(state, r, null),
                _ when decoderRest.StartsWith(daxRegion + "/", StringComparison.Ordinal) => RegionDir(state, r, decoderRest[(daxRegion.Length + 1)..]),
                _ => null,
            };
        }

        if (NdTree(state, dir) is { } nd)
        {
            return nd;
        }

        var (cpu, cpuRest) = SysfsPath.Split(dir, CpuDir);
        if (cpu is not null && cpuRest is null && SysfsPath.TryNumbered(cpu, "cpu", out var cpuId))
        {
            return CpuDirectory(state, (int)cpuId);
        }

        var (driver, driverRest) = SysfsPath.Split(dir, SysfsPath.DaxDrivers);
        if (driver is not null && driverRest is null && DaxDriverNames.Parse(driver) is { } kind)
        {
            return DriverDir(state, dir, driver, kind);
        }

        return null;
    }

    /// <summary>memoryN: drivers/base/memory.c <c>memory_memblk_attrs</c>, the nodeN link (do_register_memory_block_under_node()), and the driver core's files.</summary>
    private static IEnumerable<(string, SysfsEntry)> BlockDir(string dir, int nid)
    {
        foreach (var f in BlockFilesRo)
        {
            yield return (f, SysfsEntry.File(Ro, $"{dir}/{f}"));
        }

        yield return ("online", SysfsEntry.File(Rw, dir + "/online"));
        yield return ("state", SysfsEntry.File(Rw, dir + "/state"));
        yield return ($"node{nid}", SysfsEntry.Link($"{SysfsPath.Node}/node{nid}"));
        yield return ("power", SysfsEntry.Dir);
        yield return ("subsystem", SysfsEntry.Link("/sys/bus/memory"));
        yield return ("uevent", SysfsEntry.File(Rw, dir + "/uevent"));
    }

    /// <summary>dax_regionR: the region's attribute group (drivers/dax/bus.c <c>dax_region_attributes</c>) and its devices.</summary>
    private static IEnumerable<(string, SysfsEntry)>? RegionDir(HostState state, int region, string? rest)
    {
        if (rest is null)
        {
            return Dirs("dax_region").Concat(state.Dax.Devices.Where(d => d.RegionId == region).Select(d => (d.Name, SysfsEntry.Dir)));
        }

        var files = $"{SysfsPath.CxlDevices}/dax_region{region}/dax_region";
        if (rest == "dax_region")
        {
            return [
                ("align", SysfsEntry.File(Ro, files + "/align")),
                ("available_size", SysfsEntry.File(Ro, files + "/available_size")),
                ("create", SysfsEntry.File(Wo, files + "/create")),
                ("delete", SysfsEntry.File(Wo, files + "/delete")),
                ("id", SysfsEntry.File(Ro, files + "/id")),
                ("seed", SysfsEntry.File(Ro, files + "/seed")),
                ("size", SysfsEntry.File(Ro, files + "/size")),
            ];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var name = slash < 0 ? rest : rest[..slash];
        if (state.Dax.Find(name) is not { } dev || dev.RegionId != region)
        {
            return null;
        }

        return slash < 0 ? DaxDeviceFiles(state, dev) : DaxMapping(dev, rest[(slash + 1)..]);
    }

    /// <summary>
    /// daxR.N: drivers/dax/bus.c <c>dev_dax_attributes</c> (mappingK directories, memmap_on_memory since 6.8), dev and
    /// modalias, the driver and subsystem links; <c>dev_dax_visible()</c> makes size and align 0444 in a static (pmem) region.
    /// </summary>
    private static IEnumerable<(string, SysfsEntry)> DaxDeviceFiles(HostState state, DaxDevice dev)
    {
        var model = $"{SysfsPath.DaxDevices}/{dev.Name}";
        var sized = state.Layout.PmemRegion(dev.RegionId) is null ? Rw : Ro;
        yield return ("align", SysfsEntry.File(sized, model + "/align"));
        yield return ("dev", SysfsEntry.File(Ro, model + "/dev"));
        if (dev.Driver != DaxDriver.None)
        {
            yield return ("driver", SysfsEntry.Link($"{SysfsPath.DaxDrivers}/{DaxDriverNames.Of(dev.Driver)}"));
        }

        for (var i = 0; i < dev.Ranges.Length; i++)
        {
            yield return ($"mapping{i}", SysfsEntry.Dir);
        }

        if (DaxHasMemmapKnob(state))
        {
            yield return ("memmap_on_memory", SysfsEntry.File(Rw, model + "/memmap_on_memory"));
        }

        yield return ("modalias", SysfsEntry.File(Ro, model + "/modalias"));
        yield return ("numa_node", SysfsEntry.File(Ro, model + "/numa_node"));
        yield return ("resource", SysfsEntry.File(RootRo, model + "/resource"));
        yield return ("size", SysfsEntry.File(sized, model + "/size"));
        yield return ("subsystem", SysfsEntry.Link("/sys/bus/dax"));
        yield return ("target_node", SysfsEntry.File(Ro, model + "/target_node"));
    }

    /// <summary>mappingK: start, end and page_offset, root-only (drivers/dax/bus.c <c>dax_mapping_attributes</c>, 0400).</summary>
    private static IEnumerable<(string, SysfsEntry)>? DaxMapping(DaxDevice dev, string rest) =>
        SysfsPath.TryNumbered(rest, "mapping", out var k) && k < dev.Ranges.Length
            ? MappingFiles.Select(f => (f, SysfsEntry.File(RootRo, $"{SysfsPath.DaxDevices}/{dev.Name}/{rest}/{f}")))
            : null;

    /// <summary>bus/dax/drivers/NAME: the driver core's bind, unbind, new_id and remove_id (0200), a link per bound device, and module.</summary>
    private static IEnumerable<(string, SysfsEntry)> DriverDir(HostState state, string dir, string driver, DaxDriver kind)
    {
        foreach (var f in DriverFiles)
        {
            yield return (f, SysfsEntry.File(Wo, $"{dir}/{f}"));
        }

        foreach (var d in state.Dax.Devices.Where(d => d.Driver == kind))
        {
            yield return (d.Name, SysfsEntry.Link(DaxDeviceDir(state, d)));
        }

        yield return ("module", SysfsEntry.Link($"/sys/module/{driver}"));
    }
}
