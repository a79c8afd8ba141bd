using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Sysfs;

/// <summary>Reads of the simulated sysfs, procfs and debugfs files: pure functions of the host state.</summary>
public static partial class SysfsReader
{
    public static SysfsRead Read(HostState state, string path)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(path);
        return path switch
        {
            SysfsPath.ProcMeminfo => SysfsRead.Of(ProcFiles.Meminfo(state)),
            SysfsPath.ProcIomem => SysfsRead.Of(state.Resources.RenderIomem()),
            SysfsPath.ProcZoneinfo => SysfsRead.Of(ProcFiles.Zoneinfo(state)),
            SysfsPath.Memory + "/block_size_bytes" => SysfsRead.Of($"{state.BlockSize.Bytes:x}\n"),
            SysfsPath.Memory + "/uevent" => SysfsRead.Of(""),
            _ when path.StartsWith("/sys/devices/system/cpu/cpu", StringComparison.Ordinal) && path.EndsWith("/uevent", StringComparison.Ordinal)
                && SysfsLayout.Lookup(state, path) is not null => SysfsRead.Of(""),

            // kernel/module/sysfs.c show_initstate(): the dax drivers are loaded modules (CONFIG_DEV_DAX=m, CONFIG_DEV_DAX_KMEM=m on Debian); libkmod reads this.
            "/sys/module/kmem/initstate" or "/sys/module/device_dax/initstate" => SysfsRead.Of("live\n"),
            SysfsPath.Memory + "/auto_online_blocks" => SysfsRead.Of(SysfsParse.OnlineTypeToStr(state.Parameters.DefaultOnlineType) + "\n"),
            _ when path.StartsWith(SysfsPath.Memory + "/", StringComparison.Ordinal) => ReadBlock(state, path),
            _ when path.StartsWith(SysfsPath.Node + "/", StringComparison.Ordinal) => ReadNode(state, path),
            _ when path.StartsWith(SysfsPath.DaxDevices + "/", StringComparison.Ordinal) => ReadDax(state, path),
            _ when path.StartsWith(SysfsPath.CxlDevices + "/", StringComparison.Ordinal) => ReadDaxRegion(state, path),
            _ when path.StartsWith(SysfsPath.NdDevices + "/", StringComparison.Ordinal) => ReadNd(state, path),
            _ when path.StartsWith(SysfsPath.HotplugParameters + "/", StringComparison.Ordinal) => ReadParameter(state, path),
            _ when path.StartsWith(SysfsPath.NotifierInject + "/", StringComparison.Ordinal) => ReadInject(state, path),
            _ => SysfsRead.Fail(Errno.ENOENT),
        };
    }

    private static SysfsRead ReadParameter(HostState state, string path)
    {
        var p = state.Parameters;
        return path[(SysfsPath.HotplugParameters.Length + 1)..] switch
        {
            // get_memmap_mode() prints force / Y / N; v6.1 has a plain bool parameter.
            "memmap_on_memory" => SysfsRead.Of(p.MemmapMode switch
            {
                MemmapOnMemoryMode.Force => "force\n",
                MemmapOnMemoryMode.On => "Y\n",
                _ => "N\n",
            }),
            "online_policy" => SysfsRead.Of(p.OnlinePolicy == OnlinePolicy.AutoMovable ? "auto-movable\n" : "contig-zones\n"),
            "auto_movable_ratio" => SysfsRead.Of($"{p.AutoMovableRatio}\n"),
            "auto_movable_numa_aware" => SysfsRead.Of(p.AutoMovableNumaAware ? "Y\n" : "N\n"),
            _ => SysfsRead.Fail(Errno.ENOENT),
        };
    }

    private static SysfsRead ReadInject(HostState state, string path) =>
        path[(SysfsPath.NotifierInject.Length + 1)..] switch
        {
            "MEM_GOING_ONLINE/error" => SysfsRead.Of($"{state.Notifiers.GoingOnlineError}\n"),
            "MEM_GOING_OFFLINE/error" => SysfsRead.Of($"{state.Notifiers.GoingOfflineError}\n"),
            _ => SysfsRead.Fail(Errno.ENOENT),
        };

    private static SysfsRead ReadDax(HostState state, string path)
    {
        var (name, file) = SysfsPath.Split(path, SysfsPath.DaxDevices);
        if (name is null || state.Dax.Find(name) is not { } dev)
        {
            return SysfsRead.Fail(Errno.ENOENT);
        }

        return file switch
        {
            "size" => SysfsRead.Of($"{dev.Size.Bytes}\n"),
            "target_node" when dev.TargetNode.IsValid => SysfsRead.Of($"{dev.TargetNode.Value}\n"),
            "numa_node" => SysfsRead.Of($"{NumaNodeOf(state, dev)}\n"),
            "align" => SysfsRead.Of($"{dev.Align.Bytes}\n"),
            "resource" => SysfsRead.Of($"{KernelFormat.Hex((dev.Start ?? state.Dax.Region(dev.RegionId)!.Start).Value)}\n"),
            "dev" => SysfsRead.Of($"{SysfsLayout.DaxMajor}:{SysfsLayout.DaxMinor(state, dev)}\n"),

            // drivers/dax/bus.c modalias_show(): MODALIAS_FMT "dax:t%d*" with type 0 for every device.
            "modalias" => SysfsRead.Of("dax:t0*\n"),
            "memmap_on_memory" when state.Version != KernelVersion.V6_1 => SysfsRead.Of(dev.MemmapOnMemory ? "1\n" : "0\n"),
            "driver" when dev.Driver != DaxDriver.None => SysfsRead.Fail(Errno.EISDIR),
            _ when file?.StartsWith("mapping", StringComparison.Ordinal) == true => ReadMapping(dev, file),
            _ => SysfsRead.Fail(Errno.ENOENT),
        };
    }

    /// <summary>daxX.Y/mappingN/{start,end,page_offset}: <c>%#llx</c>; page_offset in pages.</summary>
    private static SysfsRead ReadMapping(DaxDevice dev, string file)
    {
        var slash = file.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !SysfsPath.TryNumbered(file[..slash], "mapping", out var n) || n >= dev.Ranges.Length)
        {
            return SysfsRead.Fail(Errno.ENOENT);
        }

        var r = dev.Ranges[(int)n];
        var pgoff = dev.Ranges.Take((int)n).Aggregate(0UL, (a, x) => a + x.Size.ToPages().Value);
        return file[(slash + 1)..] switch
        {
            "start" => SysfsRead.Of($"{KernelFormat.Hex(r.Start.Value)}\n"),
            "end" => SysfsRead.Of($"{KernelFormat.Hex(r.End.Value)}\n"),
            "page_offset" => SysfsRead.Of($"{KernelFormat.Hex(pgoff)}\n"),
            _ => SysfsRead.Fail(Errno.ENOENT),
        };
    }

    /// <summary>/sys/bus/cxl/devices/dax_regionN/dax_region/*: the region attributes (drivers/dax/bus.c).</summary>
    private static SysfsRead ReadDaxRegion(HostState state, string path)
    {
        var (name, file) = SysfsPath.Split(path, SysfsPath.CxlDevices);
        if (!SysfsPath.TryNumbered(name, "dax_region", out var id) || state.Dax.Region((int)id) is not { } region || state.Layout.PmemRegion(region.Id) is not null)
        {
            return SysfsRead.Fail(Errno.ENOENT);
        }

        return file switch
        {
            "dax_region/available_size" => SysfsRead.Of($"{state.Dax.AvailableSize(region).Bytes}\n"),
            "dax_region/size" => SysfsRead.Of($"{region.Size.Bytes}\n"),
            "dax_region/align" => SysfsRead.Of($"{region.Align.Bytes}\n"),
            "dax_region/id" => SysfsRead.Of($"{region.Id}\n"),
            "dax_region/seed" => SysfsRead.Of($"{state.Dax.Seed(region.Id)}\n"),
            _ => SysfsRead.Fail(Errno.ENOENT),
        };
    }

    /// <summary>The target of daxX.Y/driver, or null when unbound.</summary>
    public static string? ReadLink(HostState state, string path)
    {
        ArgumentNullException.ThrowIfNull(state);
        var (name, file) = SysfsPath.Split(path, SysfsPath.DaxDevices);
        if (file != "driver" || name is null || state.Dax.Find(name) is not { Driver: not DaxDriver.None } dev)
        {
            return null;
        }

        return $"../../../../bus/dax/drivers/{DaxDriverNames.Of(dev.Driver)}";
    }

    /// <summary>The ABI's numa_node: the target node once it has memory, else the closest node with CPUs.</summary>
    private static int NumaNodeOf(HostState state, DaxDevice dev) => NumaNodeOf(state, dev.TargetNode);

    /// <summary>The node a device near <paramref name="target"/> reports: the target once it has memory, else the closest node with CPUs.</summary>
    private static int NumaNodeOf(HostState state, NodeId target)
    {
        if (state.Node(target) is { HasMemory: true })
        {
            return target.Value;
        }

        foreach (var n in Workload.PagePlacement.ByDistance(state, target))
        {
            if (state.Nodes[n.Value].Cpus > 0)
            {
                return n.Value;
            }
        }

        return NodeId.NoNode.Value;
    }
}
