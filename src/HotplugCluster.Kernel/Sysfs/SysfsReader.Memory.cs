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

    private static SysfsRead ReadNode(HostState state, string path)
    {
        var (name, file) = SysfsPath.Split(path, SysfsPath.Node);
        if (!SysfsPath.TryNumbered(name, "node", out var n) || state.Node(new NodeId((int)n)) is not { Online: true } node)
        {
            return SysfsRead.Fail(Errno.ENOENT);
        }

        if (file == "meminfo")
        {
            return SysfsRead.Of(ProcFiles.NodeMeminfo(node));
        }

        if (SysfsPath.TryNumbered(file, "memory", out var b) && state.Blocks.TryFind(new BlockId(b), out var mem) && mem.Nid == node.Id)
        {
            // A symlink to the block's directory.
            return SysfsRead.Fail(Errno.EISDIR);
        }

        return SysfsRead.Fail(Errno.ENOENT);
    }
}
