using HotplugCluster.Actors.Dispatch;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Simulation.Hosts;

namespace HotplugCluster.Simulation.Tests;

/// <summary>The example host (node 0: 8 CPUs and DRAM; memory-only node 1; CXL mem0 on node 1) and console helpers.</summary>
internal static class SimHosts
{
    public static ByteSize MiB(ulong n) => ByteSize.FromMiB(n);

    public static ByteSize GiB(ulong n) => ByteSize.FromGiB(n);

    public static HostSettings Config(
        ByteSize? blockSize = null,
        MemmapOnMemoryMode memmap = MemmapOnMemoryMode.Off,
        ulong cxlGiB = 4,
        OnlineType autoOnline = OnlineType.Offline,
        ulong dramGiB = 16,
        KernelBugs bugs = KernelBugs.None,
        KernelVersion version = KernelVersion.V6_8)
    {
        var kernel = new KernelSettings(blockSize, memmap, autoOnline, OnlinePolicy.ContigZones, Version: version, Bugs: bugs);
        var cxl = cxlGiB == 0 ? [] : new[] { new CxlDeviceSettings("mem0", GiB(cxlGiB), 1, new PhysAddr(64UL << 30), CxlDeviceMode.SystemRam) };
        return new HostSettings(kernel, [new NumaNodeSettings(0, 8, GiB(dramGiB)), new NumaNodeSettings(1, 0, ByteSize.Zero)], [.. cxl]);
    }

    public static SimulatedHost Boot(HostSettings settings, SchedulingStrategyKind strategy = SchedulingStrategyKind.Fifo, long seed = 0) =>
        SimulatedHost.Boot(settings, new SimulatedHostOptions { Strategy = strategy, Seed = seed });

    /// <summary>A field of nodeN/meminfo in kB.</summary>
    public static ulong NodeKb(this IHostConsole host, int node, string field)
    {
        var text = host.Read($"/sys/devices/system/node/node{node}/meminfo").Content!;
        var line = text.Split('\n').Single(l => l.StartsWith($"Node {node} {field}:", StringComparison.Ordinal));
        return ulong.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A field of /proc/meminfo in kB.</summary>
    public static ulong MeminfoKb(this IHostConsole host, string field)
    {
        var line = host.Read("/proc/meminfo").Content!.Split('\n').Single(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return ulong.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static uint[] BlocksOf(this IHostConsole host, int node) =>
        [.. host.State.Blocks.Registered().Where(b => b.Nid.Value == node).Select(b => b.Id.Value)];

    public static string Block(uint id, string file) => $"/sys/devices/system/memory/memory{id}/{file}";

    /// <summary>The result of a completed task (the scheduler ran it to the end); throws if it has not completed.</summary>
    public static T Outcome<T>(this Task<T> task) =>
        task.IsCompleted ? task.GetAwaiter().GetResult() : throw new InvalidOperationException("the operation has not returned");

    public static string Show(this SysfsWrite w) => w.Error is { } e ? e.Name : $"{w.Bytes} bytes";

    /// <summary>The sequential kernel model behind the same console seam, for differential tests.</summary>
    public sealed class KernelConsole(KernelHost host) : IHostConsole
    {
        public KernelHost Host => host;

        public HostState State => host.State;

        public SysfsRead Read(string path) => host.Read(path);

        public IReadOnlyList<string>? List(string dir) => host.List(dir);

        public SysfsWrite Write(string path, string value) => host.Write(path, value);

        public T Run<T>(T op)
            where T : KernelOperation => host.Run(op);
    }
}
