using HotplugCluster.Kernel.Host;

namespace HotplugCluster.Kernel.Sysfs;

public static partial class SysfsLayout
{
    /// <summary>/sys/devices/system/cpu: the CPU subsystem's devices (drivers/base/cpu.c).</summary>
    private const string CpuDir = "/sys/devices/system/cpu";

    /// <summary>The huge page sizes of x86_64 with 1 GiB pages (hugetlb_register_node(): one hugepages-&lt;size&gt;kB per hstate).</summary>
    private static readonly string[] HugepageSizes = ["hugepages-1048576kB", "hugepages-2048kB"];

    /// <summary>Per-node hstate files (mm/hugetlb_sysfs.c <c>per_node_hstate_attrs</c>).</summary>
    private static readonly string[] HugepageFiles = ["free_hugepages", "nr_hugepages", "surplus_hugepages"];

    /// <summary>Every CPU with its node: numbered node by node, as a guest whose nodes own consecutive CPUs.</summary>
    internal static IEnumerable<(int Cpu, int Node)> Cpus(HostState state)
    {
        var cpu = 0;
        foreach (var n in state.Nodes)
        {
            for (var i = 0; i < n.Cpus; i++)
            {
                yield return (cpu++, n.Id.Value);
            }
        }
    }

    /// <summary>cpuN: its nodeM link (register_cpu_under_node()), the subsystem link and uevent; null when there is no such CPU.</summary>
    private static IEnumerable<(string, SysfsEntry)>? CpuDirectory(HostState state, int cpu)
    {
        foreach (var (c, node) in Cpus(state))
        {
            if (c == cpu)
            {
                return [($"node{node}", SysfsEntry.Link($"{SysfsPath.Node}/node{node}")), ("subsystem", SysfsEntry.Link("/sys/bus/cpu")),
                    ("uevent", SysfsEntry.File(Rw, $"{CpuDir}/cpu{cpu}/uevent"))];
            }
        }

        return null;
    }

    /// <summary>
    /// nodeN: drivers/base/node.c <c>node_dev_attrs</c> (cpumap, cpulist, meminfo, numastat, distance, vmstat), the
    /// write-only compact (<c>sysfs_compact_node()</c>, CONFIG_COMPACTION), the hugepages directory (CONFIG_HUGETLBFS), the
    /// empty x86 group (arch/x86/kernel/cpu/sgx/main.c: every file hidden without SGX), the cpuK and memoryM links, and
    /// the driver core's files.
    /// </summary>
    private static IEnumerable<(string, SysfsEntry)> NodeNDir(HostState state, string dir, int nid)
    {
        yield return ("compact", SysfsEntry.File(Wo, dir + "/compact"));
        foreach (var (cpu, _) in Cpus(state).Where(c => c.Node == nid))
        {
            yield return ($"cpu{cpu}", SysfsEntry.Link($"{CpuDir}/cpu{cpu}"));
        }

        foreach (var f in new[] { "cpulist", "cpumap", "distance" })
        {
            yield return (f, SysfsEntry.File(Ro, $"{dir}/{f}"));
        }

        yield return ("hugepages", SysfsEntry.Dir);
        yield return ("meminfo", SysfsEntry.File(Ro, dir + "/meminfo"));
        foreach (var b in state.Blocks.Registered().Where(b => b.Nid.Value == nid))
        {
            yield return ($"memory{b.Id.Value}", SysfsEntry.Link($"{SysfsPath.Memory}/memory{b.Id.Value}"));
        }

        yield return ("numastat", SysfsEntry.File(Ro, dir + "/numastat"));
        yield return ("power", SysfsEntry.Dir);
        yield return ("subsystem", SysfsEntry.Link("/sys/bus/node"));
        yield return ("uevent", SysfsEntry.File(Rw, dir + "/uevent"));
        yield return ("vmstat", SysfsEntry.File(Ro, dir + "/vmstat"));
        yield return ("x86", SysfsEntry.Dir);
    }

    /// <summary>nodeN/hugepages and its hstate directories; null for any other path below nodeN.</summary>
    private static IEnumerable<(string, SysfsEntry)>? NodeHugepages(string dir, string rest)
    {
        if (rest == "hugepages")
        {
            return Dirs(HugepageSizes);
        }

        var size = rest.StartsWith("hugepages/", StringComparison.Ordinal) ? rest["hugepages/".Length..] : null;
        return size is not null && HugepageSizes.Contains(size)
            ? HugepageFiles.Select(f => (f, SysfsEntry.File(f == "nr_hugepages" ? Rw : Ro, $"{dir}/{f}")))
            : null;
    }
}
