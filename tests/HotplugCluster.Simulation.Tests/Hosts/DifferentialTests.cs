using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Workload;
using HotplugCluster.Simulation.Hosts;
using static HotplugCluster.Simulation.Tests.SimHosts;

namespace HotplugCluster.Simulation.Tests.Hosts;

/// <summary>
/// The actors against the sequential model: for the same writes and operations, a <see cref="SimulatedHost"/> under
/// FIFO produces the same results, the same event list and the same whole-host sysfs snapshot as <see cref="KernelHost"/>.
/// </summary>
public sealed class DifferentialTests
{
    private const string Kmem = "/sys/bus/dax/drivers/kmem";
    private const string Dax0 = "/sys/bus/dax/devices/dax0.0";

    public static TheoryData<string> Scenarios => [.. All.Keys];

    internal static readonly Dictionary<string, (HostSettings Settings, Action<IHostConsole, List<string>> Run)> All = new()
    {
        ["cxl memmap on: online movable, offline, unbind"] = (Config(MiB(256), MemmapOnMemoryMode.On), (h, r) =>
        {
            var ids = h.BlocksOf(1);
            r.Add(h.Write(Block(ids[0], "state"), "online_movable\n").Show());
            r.Add(h.Write(Block(ids[1], "state"), "online_kernel\n").Show());
            r.Add(h.Write(Block(ids[2], "online"), "1").Show());
            r.Add(h.Write(Block(ids[0], "state"), "offline").Show());
            r.Add(h.Write(Block(ids[1], "state"), "offline").Show());
            r.Add(h.Write(Block(ids[2], "state"), "offline").Show());
            r.Add(h.Write(Kmem + "/unbind", "dax0.0").Show());
            r.Add(h.Write(Kmem + "/bind", "dax0.0").Show());
        }),
        ["cxl memmap off: online, unbind with online memory leaks, rebind fails"] = (Config(MiB(256)), (h, r) =>
        {
            var ids = h.BlocksOf(1);
            r.Add(h.Write(Block(ids[0], "state"), "online_movable").Show());
            r.Add(h.Write(Block(ids[0], "state"), "online_movable").Show());
            r.Add(h.Write(Block(ids[0], "state"), "bogus").Show());
            r.Add(h.Write(Kmem + "/unbind", "dax0.0\n").Show());
            r.Add(h.Write(Kmem + "/bind", "dax0.0\n").Show());
            r.Add(h.Write(Block(ids[0], "state"), "offline").Show());
        }),
        ["daxctl-like reconfigure: unbind, knob, device_dax, back to kmem"] = (Config(MiB(256), MemmapOnMemoryMode.On), (h, r) =>
        {
            r.Add(h.Write(Dax0 + "/memmap_on_memory", "0").Show());
            r.Add(h.Write(Kmem + "/unbind", "dax0.0").Show());
            r.Add(h.Write(Dax0 + "/memmap_on_memory", "0").Show());
            r.Add(h.Write("/sys/bus/dax/drivers/device_dax/new_id", "dax0.0").Show());
            r.Add(h.Read(Dax0 + "/driver").Content ?? "-");
            r.Add(h.Write("/sys/bus/dax/drivers/device_dax/unbind", "dax0.0").Show());
            r.Add(h.Write("/sys/bus/dax/drivers/device_dax/remove_id", "dax0.0").Show());
            r.Add(h.Write(Kmem + "/new_id", "dax0.0").Show());
            r.Add(h.Write("/sys/devices/system/memory/auto_online_blocks", "online_movable").Show());
            r.Add(h.Write(Kmem + "/bind", "dax0.0").Show());
            r.Add(h.Write("/sys/module/memory_hotplug/parameters/online_policy", "auto-movable").Show());
        }),
        ["cxl: orderly remove, re-insert, surprise remove under online memory orphans it, re-insert finds it busy"] = (Config(MiB(256)), (h, r) =>
        {
            var ids = h.BlocksOf(1);
            r.Add(h.Write(Block(ids[0], "state"), "online_movable").Show());
            r.Add(h.Run(new CxlMemdevRemove("mem0", surprise: false, 100)).Error?.Name ?? "ok");
            r.Add(h.Run(new CxlMemdevInsert("mem0")).Error?.Name ?? "ok");
            r.Add(h.Run(new CxlMemdevInsert("mem0")).Error?.Name ?? "ok");
            r.Add(h.Write(Block(h.BlocksOf(1)[0], "state"), "online_movable").Show());
            r.Add(h.Run(new CxlMemdevRemove("mem0", surprise: true)).Error?.Name ?? "ok");
            r.Add(h.Run(new CxlMemdevRemove("mem0", surprise: true)).Error?.Name ?? "ok");
            r.Add(h.Run(new CxlMemdevInsert("mem0")).Error?.Name ?? "ok");
            r.Add(h.Run(new CxlMemdevInsert("mem9")).Error?.Name ?? "ok");
        }),
        ["workload: unmovable pages make offline EBUSY, pinned pages EINTR, freed pages let it go"] = (Config(MiB(256)), (h, r) =>
        {
            var ids = h.BlocksOf(1);
            r.Add(h.Write(Block(ids[0], "state"), "online_kernel").Show());
            r.Add(h.Run(new WorkloadAllocate(new NodeId(1), PageKind.Unmovable, new PageCount(100))).Error?.Name ?? "ok");
            r.Add(h.Write(Block(ids[0], "state"), "offline").Show());
            r.Add(h.Write(Block(ids[1], "state"), "online_movable").Show());
            r.Add(h.Run(new WorkloadAllocate(new NodeId(1), PageKind.Pinned, new PageCount(8), Kernel.Zones.ZoneType.Movable)).Error?.Name ?? "ok");
            r.Add(h.Write(Block(ids[1], "state"), "offline").Show());
            r.Add(h.Run(new WorkloadFree(new NodeId(1), PageKind.Pinned, new PageCount(8))).Error?.Name ?? "ok");
            r.Add(h.Write(Block(ids[1], "state"), "offline").Show());
        }),
        ["remove: a range with an online block is EBUSY, offline then remove succeeds"] = (Config(MiB(256)), (h, r) =>
        {
            var ids = h.BlocksOf(1);
            var start = h.State.Blocks.StartOf(new BlockId(ids[0]));
            r.Add(h.Write(Block(ids[0], "state"), "online_movable").Show());
            r.Add(h.Run(new RemoveMemory(start, GiB(1))).Error?.Name ?? "ok");
            r.Add(h.Run(new OfflineAndRemoveMemory(start, GiB(1))).Error?.Name ?? "ok");
            r.Add(h.Run(new RemoveMemory(start, GiB(1))).Error?.Name ?? "ok");
        }),
        ["dimm add and eject, auto-online movable"] = (Config(MiB(128), cxlGiB: 0, autoOnline: OnlineType.OnlineMovable), (h, r) =>
        {
            r.Add(h.Run(new AcpiMemoryDeviceAdd("dimm0", new NodeId(1), new PhysAddr(32UL << 30), GiB(1))).Error?.Name ?? "ok");
            r.Add(h.Run(new AcpiMemoryDeviceAdd("dimm1", new NodeId(0), new PhysAddr(40UL << 30), MiB(512))).Error?.Name ?? "ok");
            r.Add(h.Run(new AcpiMemoryDeviceEject("dimm0")).Error?.Name ?? "ok");
            r.Add(h.Run(new AcpiMemoryDeviceEject("dimm1")).Error?.Name ?? "ok");
        }),
        ["hot-add of 1 GiB in 128 MiB blocks with memmap on, all online movable"] = (Config(memmap: MemmapOnMemoryMode.On, cxlGiB: 1), (h, r) =>
        {
            foreach (var id in h.BlocksOf(1))
            {
                r.Add(h.Write(Block(id, "state"), "online_movable").Show());
            }
        }),
        ["v6.1: no dax knob, kmem by new_id"] = (Config(MiB(128), MemmapOnMemoryMode.On, version: KernelVersion.V6_1), (h, r) =>
        {
            r.Add(h.Write(Dax0 + "/memmap_on_memory", "1").Show());
            r.Add(h.Write("/sys/bus/dax/drivers/device_dax/unbind", "dax0.0").Show());
            r.Add(h.Write(Kmem + "/new_id", "dax0.0").Show());
            r.Add(h.Write(Block(h.BlocksOf(1)[0], "online"), "1").Show());
        }),
        ["bad writes: missing files, read-only files, parameters"] = (Config(MiB(256)), (h, r) =>
        {
            r.Add(h.Write("/sys/devices/system/memory/memory99999/state", "online").Show());
            r.Add(h.Write("/sys/devices/system/memory/block_size_bytes", "1").Show());
            r.Add(h.Write("/sys/module/memory_hotplug/parameters/auto_movable_ratio", "x").Show());
            r.Add(h.Write("/sys/kernel/debug/notifier-error-inject/memory/actions/MEM_GOING_ONLINE/error", "-12").Show());
            r.Add(h.Write(Block(h.BlocksOf(1)[0], "state"), "online").Show());
        }),
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void SimulatedHost_under_FIFO_matches_KernelHost_event_for_event(string scenario)
    {
        var (settings, run) = All[scenario];
        var kernel = new KernelConsole(KernelHost.Boot(settings));
        using var actors = Boot(settings);
        Assert.Equal(EventText.Of(kernel.Host.Journal), EventText.Of(actors.Journal));

        var expected = new List<string>();
        var actual = new List<string>();
        run(kernel, expected);
        run(actors, actual);

        Assert.Equal(expected, actual);
        Assert.Equal(EventText.Of(kernel.Host.Journal), EventText.Of(actors.Journal));
        Assert.Equal(SysfsTree.Snapshot(kernel.State), SysfsTree.Snapshot(actors.State));
        Assert.Empty(actors.Problems);
        Assert.Empty(actors.HeldLocks);
    }

    [Fact]
    public void Step_log_lists_each_operations_steps_in_the_order_KernelHost_runs_them()
    {
        var settings = Config(MiB(256));
        var kernel = KernelHost.Boot(settings);
        kernel.RecordSteps = true;
        using var actors = Boot(settings);
        var id = kernel.State.Blocks.Registered().First(b => b.Nid.Value == 1).Id;
        Assert.True(kernel.Write(Block(id.Value, "state"), "online_movable").Ok);
        Assert.True(actors.Write(Block(id.Value, "state"), "online_movable").Ok);

        var op = actors.Operations[^1];
        Assert.Equal("state_store", op.Name);
        Assert.Equal(kernel.StepLog.Select(s => s.ToString()), actors.StepsOf(op.OpId));
        Assert.Contains($"{op.OpId}: lock MemoryBlockDevice({id})", actors.StepLog.Select(s => s.ToString()));
    }

    [Fact]
    public void Boot_gives_every_owner_its_own_stream_with_sequence_numbers_from_one()
    {
        using var host = Boot(Config(MiB(256)));
        var log = host.EventLog.Entries;
        Assert.Contains(log, e => e.PersistenceId == "host-0/node0" && e.Event is Kernel.Events.NodeRegistered);
        Assert.Contains(log, e => e.PersistenceId == "host-0/mem0" && e.Event is Kernel.Events.CxlRegionCreated);
        Assert.Contains(log, e => e.PersistenceId == "host-0/mhp" && e.Event is Kernel.Events.BootMemoryAdded);
        Assert.Contains(log, e => e.PersistenceId == "host-0/dax" && e.Event is Kernel.Events.DaxDeviceCreated);
        Assert.Contains(log, e => e.PersistenceId == "host-0/dax0.0" && e.Event is Kernel.Events.DaxDriverBound);
        // A hot-added block's device is created by the core (its actor does not exist yet); later changes are the block's own.
        Assert.Contains(log, e => e.PersistenceId == "host-0/mhp" && e.Event is Kernel.Events.MemoryBlockCreated);
        var id = host.BlocksOf(1)[0];
        Assert.True(host.Write(Block(id, "state"), "online_movable").Ok);
        Assert.Contains(host.EventLog.Entries, e => e.PersistenceId == $"host-0/memory{id}" && e.Event is Kernel.Events.BlockStateChanged);
        Assert.Contains(host.EventLog.Entries, e => e.PersistenceId == "host-0/node1" && e.Event is Kernel.Events.PagesOnlined);
        log = host.EventLog.Entries;
        foreach (var stream in log.GroupBy(e => e.PersistenceId))
        {
            Assert.Equal(Enumerable.Range(1, stream.Count()).Select(i => (long)i), stream.Select(e => e.SequenceNr));
        }
    }
}
