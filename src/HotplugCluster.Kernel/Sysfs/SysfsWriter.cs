using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Sysfs;

/// <summary>
/// Maps a write to the kernel operation its store method runs, or to the errno the open fails with
/// (-ENOENT missing, -EACCES read-only: kernfs refuses O_WRONLY on a file without a write mode).
/// </summary>
public static class SysfsWriter
{
    public static (KernelOperation? Operation, Errno? Error) Plan(HostState state, string path, string value, int? signalAfterAttempts)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(value);

        // memoryN/state and memoryN/online of a registered block: the file exists (the read below would succeed), so the
        // path is parsed once, not once for the read and again for the store, and without substrings.
        if (SysfsPath.TryNumberedFile(path, SysfsPath.Memory, "memory", out var id, out var blockFile)
            && blockFile is "state" or "online" && state.Blocks.TryFind(new BlockId(id), out _))
        {
            return blockFile is "state"
                ? Op(new StateStore(new BlockId(id), value, signalAfterAttempts))
                : Op(new OnlineStore(new BlockId(id), value, signalAfterAttempts, state.Version));
        }

        if (!SysfsReader.Read(state, path).Ok && !IsWriteOnly(state, path))
        {
            return (null, Errno.ENOENT);
        }

        if (path == SysfsPath.Memory + "/auto_online_blocks")
        {
            return PlanAutoOnlineBlocks(value);
        }

        var (name, file) = SysfsPath.Split(path, SysfsPath.Memory);
        if (name is not null && SysfsPath.TryNumbered(name, "memory", out var n))
        {
            return file switch
            {
                "state" => Op(new StateStore(new BlockId(n), value, signalAfterAttempts)),
                "online" => Op(new OnlineStore(new BlockId(n), value, signalAfterAttempts, state.Version)),
                _ => (null, Errno.EACCES),
            };
        }

        (name, file) = SysfsPath.Split(path, SysfsPath.DaxDevices);
        if (name is not null)
        {
            return file switch
            {
                "memmap_on_memory" => Op(new DaxMemmapOnMemoryStore(name, value)),
                // dev_dax_visible(), drivers/dax/bus.c: size and align are 0444 in a static (pmem) region.
                "size" or "align" when state.Layout.PmemRegion(state.Dax.Find(name)!.RegionId) is not null => (null, Errno.EACCES),
                "size" => Op(new DaxRegionStore(DaxRegionFile.Size, state.Dax.Find(name)!.RegionId, name, value)),
                "align" => Op(new DaxRegionStore(DaxRegionFile.Align, state.Dax.Find(name)!.RegionId, name, value)),
                _ => (null, Errno.EACCES),
            };
        }

        (name, file) = SysfsPath.Split(path, SysfsPath.CxlDevices);
        if (name is not null && SysfsPath.TryNumbered(name, "dax_region", out var region) && state.Layout.PmemRegion((int)region) is null)
        {
            return file switch
            {
                "dax_region/create" => Op(new DaxRegionStore(DaxRegionFile.Create, (int)region, null, value)),
                "dax_region/delete" => Op(new DaxRegionStore(DaxRegionFile.Delete, (int)region, null, value)),
                _ => (null, Errno.EACCES),
            };
        }

        (name, file) = SysfsPath.Split(path, SysfsPath.Node);
        if (file == "compact" && SysfsPath.TryNumbered(name, "node", out var nid) && state.Node(new NodeId((int)nid)) is { Online: true })
        {
            // sysfs_compact_node(), mm/compaction.c: compact_node() over the node's zones. The model has no fragmentation
            // (free pages are counted, not placed), so compaction has nothing to move.
            return Op(new AttributeStore("sysfs_compact_node", StateOwner.Host, _ => StepResult.Ok()));
        }

        (name, file) = SysfsPath.Split(path, SysfsPath.DaxDrivers);
        if (name is not null && DaxDriverNames.Parse(name) is { } driver)
        {
            var dev = SysfsParse.TrimNewline(value);
            return file switch
            {
                "bind" => Op(new DaxDriverAttach(dev, driver, DaxAttachKind.BindFile)),
                "unbind" => Op(new DaxDriverRelease(dev, driver)),
                "new_id" => Op(new DaxIdStore(driver, value, add: true)),
                "remove_id" => Op(new DaxIdStore(driver, value, add: false)),
                _ => (null, Errno.ENOENT),
            };
        }

        if (path.StartsWith(SysfsPath.HotplugParameters + "/", StringComparison.Ordinal))
        {
            return PlanParameter(path[(SysfsPath.HotplugParameters.Length + 1)..], value, state.Version);
        }

        if (path.StartsWith(SysfsPath.NotifierInject + "/", StringComparison.Ordinal))
        {
            return PlanNotifierInject(path.Contains("MEM_GOING_ONLINE", StringComparison.Ordinal) ? MemoryAction.MEM_GOING_ONLINE : MemoryAction.MEM_GOING_OFFLINE, value);
        }

        return (null, Errno.EACCES);
    }

    // The stores whose rule is a lambda over the written value have methods of their own: a lambda in Plan capturing its
    // `value` parameter made Plan allocate the closure on entry, for every write (a fleet's thousand "offline" writes a host).
    private static (KernelOperation?, Errno?) PlanAutoOnlineBlocks(string value) =>
        Op(new AttributeStore("auto_online_blocks_store", StateOwner.Host, _ =>
            SysfsParse.OnlineTypeFromStr(value) is { } t ? StepResult.Ok(new DefaultOnlineTypeSet(t)) : StepResult.Fail(Errno.EINVAL)));

    private static (KernelOperation?, Errno?) PlanNotifierInject(MemoryAction action, string value) =>
        Op(new AttributeStore("debugfs_errno_set", StateOwner.Host, _ =>
        {
            // debugfs_create_errno(): only 0 or a negative errno down to -MAX_ERRNO.
            var (v, e) = SysfsParse.KstrToInt(value);
            return e is null && v <= 0 && v >= -4095 ? StepResult.Ok(new NotifierErrorSet(action, v)) : StepResult.Fail(Errno.EINVAL);
        }));

    private static (KernelOperation?, Errno?) PlanParameter(string parameter, string value, KernelVersion version) => parameter switch
    {
        "online_policy" => Op(new AttributeStore("set_online_policy", StateOwner.Host, _ =>
            SysfsParse.Streq(value, "contig-zones") ? StepResult.Ok(new OnlinePolicySet(OnlinePolicy.ContigZones))
            : SysfsParse.Streq(value, "auto-movable") ? StepResult.Ok(new OnlinePolicySet(OnlinePolicy.AutoMovable))
            : StepResult.Fail(Errno.EINVAL))),
        "auto_movable_ratio" => Op(new AttributeStore("param_set_uint", StateOwner.Host, _ =>
        {
            var (v, e) = SysfsParse.KstrToUint(value);
            return e is { } error ? StepResult.Fail(error) : StepResult.Ok(new AutoMovableRatioSet(v));
        })),
        "auto_movable_numa_aware" => Op(new AttributeStore("param_set_bool", StateOwner.Host, _ =>
            SysfsParse.KstrToBool(value, version) is { } b ? StepResult.Ok(new AutoMovableNumaAwareSet(b)) : StepResult.Fail(Errno.EINVAL))),
        _ => (null, Errno.EACCES),
    };

    private static bool IsWriteOnly(HostState state, string path)
    {
        var (region, regionFile) = SysfsPath.Split(path, SysfsPath.CxlDevices);
        if (SysfsPath.TryNumbered(region, "dax_region", out var id) && state.Dax.Region((int)id) is not null && state.Layout.PmemRegion((int)id) is null
            && regionFile is "dax_region/create" or "dax_region/delete")
        {
            return true;
        }

        var (node, nodeFile) = SysfsPath.Split(path, SysfsPath.Node);
        if (nodeFile == "compact" && SysfsPath.TryNumbered(node, "node", out var nid) && state.Node(new NodeId((int)nid)) is { Online: true })
        {
            return true;
        }

        var (name, file) = SysfsPath.Split(path, SysfsPath.DaxDrivers);
        return name is not null && DaxDriverNames.Parse(name) is not null && file is "bind" or "unbind" or "new_id" or "remove_id";
    }

    private static (KernelOperation?, Errno?) Op(KernelOperation op) => (op, null);
}
