using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Settings;

namespace HotplugCluster.Kernel.Sysfs;

/// <summary>Every readable file of the simulated trees, for listings and whole-host snapshots.</summary>
public static class SysfsTree
{
    private static readonly string[] BlockFiles = ["online", "phys_device", "phys_index", "removable", "state", "valid_zones"];
    private static readonly string[] DaxFiles = ["align", "memmap_on_memory", "numa_node", "resource", "size", "target_node"];
    private static readonly string[] Parameters = ["auto_movable_numa_aware", "auto_movable_ratio", "memmap_on_memory", "online_policy"];

    /// <summary>Paths of all readable regular files, in a stable order.</summary>
    public static IEnumerable<string> Files(HostState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        yield return SysfsPath.ProcIomem;
        yield return SysfsPath.ProcMeminfo;
        yield return SysfsPath.ProcZoneinfo;
        yield return SysfsPath.Memory + "/auto_online_blocks";
        yield return SysfsPath.Memory + "/block_size_bytes";
        foreach (var b in state.Blocks.Registered())
        {
            foreach (var f in BlockFiles)
            {
                yield return $"{SysfsPath.Memory}/memory{b.Id.Value}/{f}";
            }
        }

        foreach (var f in new[] { "has_cpu", "has_memory", "has_normal_memory", "online", "possible" })
        {
            yield return $"{SysfsPath.Node}/{f}";
        }

        foreach (var n in state.Nodes.Where(n => n.Online))
        {
            yield return $"{SysfsPath.Node}/node{n.Id.Value}/meminfo";
        }

        foreach (var d in state.Dax.Devices)
        {
            foreach (var f in DaxFiles)
            {
                if (f != "memmap_on_memory" || state.Version != KernelVersion.V6_1)
                {
                    yield return $"{SysfsPath.DaxDevices}/{d.Name}/{f}";
                }
            }
        }

        foreach (var r in state.Dax.Regions)
        {
            var pmem = state.Layout.PmemRegion(r.Id) is not null;
            foreach (var f in new[] { "align", "available_size", "id", "seed", "size" })
            {
                if (!pmem || f is "align" or "id" or "size")
                {
                    yield return $"{SysfsLayout.DaxRegionAttributes(state, r.Id)}/{f}";
                }
            }
        }

        foreach (var d in state.Dax.Devices)
        {
            for (var i = 0; i < d.Ranges.Length; i++)
            {
                foreach (var f in new[] { "end", "page_offset", "start" })
                {
                    yield return $"{SysfsPath.DaxDevices}/{d.Name}/mapping{i}/{f}";
                }
            }
        }

        foreach (var p in Parameters)
        {
            yield return $"{SysfsPath.HotplugParameters}/{p}";
        }

        yield return SysfsPath.NotifierInject + "/MEM_GOING_OFFLINE/error";
        yield return SysfsPath.NotifierInject + "/MEM_GOING_ONLINE/error";
    }

    /// <summary>
    /// <c>ls dir</c>: the names directly below a directory, symlinks along the path followed, sorted as ls sorts them;
    /// null when the directory does not exist (<see cref="SysfsLayout"/>).
    /// </summary>
    public static IReadOnlyList<string>? List(HostState state, string dir)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(dir);
        return SysfsLayout.List(state, SysfsLayout.Resolve(state, dir.Length > 1 ? dir.TrimEnd('/') : dir));
    }

    /// <summary>Every file with its content: equal snapshots mean the host answers every read the same.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Snapshot(HostState state) =>
        Files(state).Select(p => KeyValuePair.Create(p, SysfsReader.Read(state, p).Content ?? "")).ToList();
}
