using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Kernel.Sysfs;

public static partial class SysfsReader
{
    private static SysfsRead ReadBlock(HostState state, string path)
    {
        var (name, file) = SysfsPath.Split(path, SysfsPath.Memory);
        if (!SysfsPath.TryNumbered(name, "memory", out var n) || !state.Blocks.TryFind(new BlockId(n), out var mem))
        {
            return SysfsRead.Fail(Errno.ENOENT);
        }

        return file switch
        {
            "state" => SysfsRead.Of(mem.State switch
            {
                MemoryBlockState.Online => "online\n",
                MemoryBlockState.Offline => "offline\n",
                MemoryBlockState.GoingOffline => "going-offline\n",
                _ => $"ERROR-UNKNOWN-{(int)mem.State}\n",
            }),
            "online" => SysfsRead.Of(mem.State == MemoryBlockState.Offline ? "0\n" : "1\n"),
            "phys_index" => SysfsRead.Of($"{n:x8}\n"),
            "removable" => SysfsRead.Of("1\n"),
            "phys_device" => SysfsRead.Of("0\n"),
            "uevent" => SysfsRead.Of(""),
            "valid_zones" => SysfsRead.Of(ValidZones(state, mem) + "\n"),
            _ => SysfsRead.Fail(Errno.ENOENT),
        };
    }

    /// <summary>The zone of an online block, or the default zone followed by the other zones an online could pick.</summary>
    /// <remarks>drivers/base/memory.c <c>valid_zones_show()</c> and <c>print_allowed_zone()</c>.</remarks>
    public static string ValidZones(HostState state, MemoryBlock mem)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (mem.State == MemoryBlockState.Online)
        {
            return ZoneNames.Of(mem.Zone);
        }

        var group = mem.GroupId >= 0 ? state.Groups.Find(mem.GroupId) : null;
        var pfn = state.Blocks.StartPfnOf(mem.Id);
        var nr = state.Blocks.PagesPerBlock;
        var def = ZoneSelection.ZoneForPfnRange(state, OnlineType.Online, mem.Nid, group, pfn, nr);
        var text = ZoneNames.Of(def);
        foreach (var type in new[] { OnlineType.OnlineKernel, OnlineType.OnlineMovable })
        {
            var zone = ZoneSelection.ZoneForPfnRange(state, type, mem.Nid, group, pfn, nr);
            if (zone != def)
            {
                text += " " + ZoneNames.Of(zone);
            }
        }

        return text;
    }

    /// <summary>The node_states lists: <c>%*pbl</c> ranges such as "0-1" or "0,2".</summary>
    /// <remarks>drivers/base/node.c <c>print_nodes_state()</c>.</remarks>
    private static SysfsRead? ReadNodeStates(HostState state, string file)
    {
        Func<Zones.NumaNode, bool>? member = file switch
        {
            "possible" => static _ => true,
            "online" => static n => n.Online,
            "has_memory" => static n => n.HasMemory,
            "has_normal_memory" => static n => n[ZoneType.Dma].IsPopulated || n[ZoneType.Dma32].IsPopulated || n[ZoneType.Normal].IsPopulated,
            "has_cpu" => static n => n.Cpus > 0,

            // N_GENERIC_INITIATOR: nodes with initiators but no CPUs or memory (ACPI SRAT type 5), which the model has none of.
            "has_generic_initiator" => static _ => false,
            _ => null,
        };
        if (member is null)
        {
            return null;
        }

        return SysfsRead.Of(RangeList(state.Nodes.Where(member).Select(n => n.Id.Value).ToList()) + "\n");
    }

    /// <summary><c>%*pbl</c>: ascending ids as comma-separated ranges ("0-3,8").</summary>
    private static string RangeList(List<int> ids)
    {
        var parts = new List<string>();
        for (var i = 0; i < ids.Count; i++)
        {
            var start = ids[i];
            while (i + 1 < ids.Count && ids[i + 1] == ids[i] + 1)
            {
                i++;
            }

            parts.Add(start == ids[i] ? $"{start}" : $"{start}-{ids[i]}");
        }

        return string.Join(",", parts);
    }

    private static SysfsRead ReadNode(HostState state, string path)
    {
        var (name, file) = SysfsPath.Split(path, SysfsPath.Node);
        if (file is null && name is not null && ReadNodeStates(state, name) is { } states)
        {
            return states;
        }

        if (file is null && name == "uevent")
        {
            return SysfsRead.Of("");
        }

        if (!SysfsPath.TryNumbered(name, "node", out var n) || state.Node(new NodeId((int)n)) is not { Online: true } node)
        {
            return SysfsRead.Fail(Errno.ENOENT);
        }

        if (file == "meminfo")
        {
            return SysfsRead.Of(ProcFiles.NodeMeminfo(node));
        }

        if (file == "uevent")
        {
            return SysfsRead.Of("");
        }

        if (ReadNodeFile(state, node, file) is { } read)
        {
            return read;
        }

        if (file == "cpulist")
        {
            // The model numbers CPUs node by node, as a guest whose nodes own consecutive CPUs (node_read_cpulist()).
            var first = state.Nodes.Take((int)n).Sum(x => x.Cpus);
            return SysfsRead.Of(RangeList([.. Enumerable.Range(first, node.Cpus)]) + "\n");
        }

        if (SysfsPath.TryNumbered(file, "memory", out var b) && state.Blocks.TryFind(new BlockId(b), out var mem) && mem.Nid == node.Id)
        {
            // A symlink to the block's directory.
            return SysfsRead.Fail(Errno.EISDIR);
        }

        return SysfsRead.Fail(Errno.ENOENT);
    }
}
