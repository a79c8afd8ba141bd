using HotplugCluster.Kernel;
using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Faults;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using Xunit.Abstractions;

namespace HotplugCluster.Simulation.Tests.Invariants;

/// <summary>
/// Every historical bug switch (docs/kernel-model.md): with the switch on, a bounded seed search over interleavings (or
/// the plain sequence) breaks the invariant the real bug broke, and the seed is printed; with the switch off, the same
/// search finds nothing.
/// </summary>
public sealed class KernelBugSwitchTests(ITestOutputHelper output)
{
    private static readonly PhysAddr Dimm = new(32UL << 30);

    public static TheoryData<bool> OnOff() => [true, false];

    [Theory]
    [MemberData(nameof(OnOff))]
    public void Unpaired_mem_hotplug_begin_on_remove_leaks_the_lock_on_kmem_unbind_with_online_memory(bool on)
    {
        // b4223a510e2a, race seed (b).
        Expect(on, "lock-discipline", BugSearch.Find(
            () => OnlineFirstCxlBlock(Hosts.Boot(bugs: Bug(on, KernelBugs.UnpairedMemHotplugBeginOnRemove))),
            host => [new DaxDriverRelease("dax0.0", DaxDriver.Kmem), new StateStore(new BlockId(host.BlocksOf(1)[1]), "online", 5)],
            "lock-discipline"));
    }

    [Theory]
    [MemberData(nameof(OnOff))]
    public void Online_pages_without_mem_hotplug_lock_runs_zone_updates_unlocked(bool on)
    {
        // 381eab4a6ee8: "echo 1 > online" racing "echo online_movable > state"; only device_lock(memoryN) separates
        // them.
        Expect(on, "lock-discipline", BugSearch.Find(
            () => Hosts.Boot(bugs: Bug(on, KernelBugs.OnlinePagesWithoutMemHotplugLock)),
            host => [new OnlineStore(new BlockId(host.BlocksOf(1)[0]), "1", 5), new StateStore(new BlockId(host.BlocksOf(1)[1]), "online_movable", 5)],
            "lock-discipline"));

        // The state file took mem_hotplug_lock itself: it alone never shows the bug.
        Assert.Null(BugSearch.Find(
            () => Hosts.Boot(bugs: Bug(on, KernelBugs.OnlinePagesWithoutMemHotplugLock)),
            host => [new StateStore(new BlockId(host.BlocksOf(1)[0]), "online_movable", 5), new StateStore(new BlockId(host.BlocksOf(1)[1]), "online_movable", 5)],
            "lock-discipline", seeds: 20));
    }

    [Theory]
    [MemberData(nameof(OnOff))]
    public void Add_and_remove_without_device_hotplug_lock_race_sysfs_online(bool on)
    {
        // d15e59260f62, race seed (a): kmem unbind (remove_memory) racing an online of one of its blocks.
        Expect(on, "lock-discipline", BugSearch.Find(
            () => Hosts.Boot(bugs: Bug(on, KernelBugs.AddRemoveWithoutDeviceHotplugLock)),
            host => [new DaxDriverRelease("dax0.0", DaxDriver.Kmem), new StateStore(new BlockId(host.BlocksOf(1)[0]), "online_movable", 5)],
            "lock-discipline"));
    }

    [Theory]
    [MemberData(nameof(OnOff))]
    public void Add_and_remove_without_device_hotplug_lock_can_remove_a_block_being_onlined(bool on)
    {
        // d15e59260f62: the race itself. Without device_hotplug_lock, a block that passed remove's offline check can be
        // onlined before it is removed: the zone keeps the pages of a block that no longer exists.
        var finding = BugSearch.Find(
            () => Hosts.Boot(bugs: Bug(on, KernelBugs.AddRemoveWithoutDeviceHotplugLock)),
            host => [new DaxDriverRelease("dax0.0", DaxDriver.Kmem), new StateStore(new BlockId(host.BlocksOf(1)[0]), "online_movable", 5)],
            "zone-accounting", seeds: 200);
        Expect(on, "zone-accounting", finding);
    }

    [Theory]
    [MemberData(nameof(OnOff))]
    public void Add_memory_resource_error_path_frees_the_altmap_memmap_into_the_buddy(bool on)
    {
        // f42ce5f087eb (pre-v6.8 path), race seed (d): create_memory_block_devices() fails after arch_add_memory().
        Expect(on, "removed-range-leftovers", BugSearch.Find(
            () => WithFaults(
                Hosts.Boot(MemmapOnMemoryMode.On, KernelVersion.V6_1, Bug(on, KernelBugs.AddMemoryResourceErrorPathWithoutAltmap), cxlGiB: 0),
                new FaultPlan(new AddFailure(0, AddFailurePoint.CreateMemoryBlockDevices))),
            _ => [new AcpiMemoryDeviceAdd("dimm0", new NodeId(1), Dimm, ByteSize.FromMiB(256))],
            "removed-range-leftovers", seeds: 1));
    }

    [Theory]
    [MemberData(nameof(OnOff))]
    public void Incorrect_altmap_passing_in_error_path_frees_the_failed_block_memmap_into_the_buddy(bool on)
    {
        // Muchun Song's 2026 error-path fix, race seed (d): block 2 of a 4-block memmap_on_memory add fails in
        // create_memory_block_devices().
        var finding = BugSearch.Find(
            () => WithFaults(
                Hosts.Boot(MemmapOnMemoryMode.On, KernelVersion.V6_8, Bug(on, KernelBugs.IncorrectAltmapPassingInErrorPath), cxlGiB: 0),
                new FaultPlan(new AddFailure(2, AddFailurePoint.CreateMemoryBlockDevices))),
            _ => [new AcpiMemoryDeviceAdd("dimm0", new NodeId(1), Dimm, ByteSize.FromGiB(1))],
            "removed-range-leftovers", seeds: 1);
        Expect(on, "removed-range-leftovers", finding);
        if (on)
        {
            Assert.Contains("memory130", finding!.Detail, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(OnOff))]
    public void Missing_mem_hotplug_lock_adjusts_vmemmap_present_pages_unlocked(bool on)
    {
        // 001002e73712: the vmemmap accounting of memory_block_online/offline() outside mem_hotplug_lock (v6.8 host).
        Expect(on, "lock-discipline", BugSearch.Find(
            () =>
            {
                var host = Hosts.Boot(MemmapOnMemoryMode.On, KernelVersion.V6_8, Bug(on, KernelBugs.MissingMemHotplugLock), cxlGiB: 0);
                Assert.Null(host.Run(new AcpiMemoryDeviceAdd("dimm0", new NodeId(1), Dimm, ByteSize.FromGiB(1))).Error);
                return host;
            },
            host => [new StateStore(new BlockId(host.BlocksOf(1)[0]), "online_movable", 5), new StateStore(new BlockId(host.BlocksOf(1)[1]), "online_kernel", 5)],
            "lock-discipline"));
    }

    [Theory]
    [MemberData(nameof(OnOff))]
    public void Memory_block_reference_leak_on_remove_keeps_removed_blocks_referenced(bool on)
    {
        // 93866f55f7e2, race seed (g): remove of memmap_on_memory blocks (remove_memory_blocks_and_altmaps()).
        Expect(on, "memory-block-references", BugSearch.Find(
            () =>
            {
                var host = Hosts.Boot(MemmapOnMemoryMode.On, KernelVersion.V6_8, Bug(on, KernelBugs.MemoryBlockReferenceLeakOnRemove), cxlGiB: 0);
                Assert.Null(host.Run(new AcpiMemoryDeviceAdd("dimm0", new NodeId(1), Dimm, ByteSize.FromGiB(1))).Error);
                return host;
            },
            host => [new AcpiMemoryDeviceEject("dimm0", 3), new StateStore(new BlockId(host.BlocksOf(1)[0]), "online_movable", 5)],
            "memory-block-references"));
    }

    [Theory]
    [MemberData(nameof(OnOff))]
    public void Leak_of_memory_hotplug_resources_orphans_the_kmem_resource_on_unbind(bool on)
    {
        // e686c32590f4: kmem on CXL (System RAM (kmem) under dax0.0 under region0 under the CXL window) unbound with
        // its memory offline: the broken walk skips "System RAM (kmem)" and release_resource() takes it along with
        // dax0.0.
        var finding = BugSearch.Find(
            () => Hosts.Boot(bugs: Bug(on, KernelBugs.LeakOfMemoryHotplugResources)),
            _ => [new DaxDriverRelease("dax0.0", DaxDriver.Kmem)],
            "removed-range-leftovers", seeds: 1);
        Expect(on, "removed-range-leftovers", finding);

        var host = Hosts.Boot(bugs: Bug(on, KernelBugs.LeakOfMemoryHotplugResources));
        Assert.True(host.Write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0").Ok);
        Assert.DoesNotContain("System RAM (kmem)", host.Read("/proc/iomem").Content, StringComparison.Ordinal);
        if (on)
        {
            var leaked = Assert.Single(host.State.LeakedResources);
            Assert.Contains("System RAM (kmem) (under released dax0.0)", leaked, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(host.State.LeakedResources);
        }

        // ACPI memory sits directly under the root as System RAM: the old walk found it, nothing leaks.
        Assert.Null(BugSearch.Find(
            () =>
            {
                var acpi = Hosts.Boot(bugs: Bug(on, KernelBugs.LeakOfMemoryHotplugResources), cxlGiB: 0);
                Assert.Null(acpi.Run(new AcpiMemoryDeviceAdd("dimm0", new NodeId(1), Dimm, ByteSize.FromGiB(1))).Error);
                return acpi;
            },
            _ => [new AcpiMemoryDeviceEject("dimm0", 3)],
            "removed-range-leftovers", seeds: 1));
    }

    [Theory]
    [MemberData(nameof(OnOff))]
    public void No_pcp_drain_during_memory_offline_spins_until_the_signal(bool on)
    {
        // 9683182612214, race seed (c): a page freed to a pcplist during isolation; only a drain in the retry loop
        // frees it.
        for (var seed = 0; seed < 20; seed++)
        {
            var host = OnlineFirstCxlBlock(Hosts.Boot(bugs: Bug(on, KernelBugs.NoPcpDrainDuringMemoryOffline)));
            host.State.Faults = new FaultPlan(PcplistPagesDuringOffline: 1);
            var id = new BlockId(host.BlocksOf(1)[0]);
            var offline = new StateStore(id, "offline", 50);
            var reader = new StateStore(new BlockId(host.BlocksOf(1)[1]), "online", 5);
            host.RunInterleaved([offline, reader], new Random(seed).Next);
            if (on)
            {
                Assert.True(offline.Error == Errno.EINTR, $"seed {seed}: {offline.Error}");
            }
            else
            {
                Assert.True(offline.Error is null, $"seed {seed}: {offline.Error}");
            }
        }

        // Without a signal the buggy loop never ends (the executor gives up loudly).
        var stuck = OnlineFirstCxlBlock(Hosts.Boot(bugs: Bug(on, KernelBugs.NoPcpDrainDuringMemoryOffline)));
        stuck.State.Faults = new FaultPlan(PcplistPagesDuringOffline: 1);
        var run = () => stuck.Run(new StateStore(new BlockId(stuck.BlocksOf(1)[0]), "offline", null));
        if (on)
        {
            Assert.Throws<InvalidOperationException>(run);
        }
        else
        {
            Assert.Null(run().Error);
        }
    }

    [Theory]
    [MemberData(nameof(OnOff))]
    public void Concurrent_memory_hot_add_deadlocks_with_a_user_online_of_a_new_block(bool on)
    {
        // 30467e0b3be: add_memory() holds mem_hotplug_lock and wants device_lock(memoryN); "echo online > state" holds
        // device_lock(memoryN) and wants mem_hotplug_lock.
        Expect(on, "deadlock", BugSearch.Find(
            () => Hosts.Boot(bugs: Bug(on, KernelBugs.ConcurrentMemoryHotAddDeadlock), cxlGiB: 0),
            _ => [new AddMemory(new AddMemoryRequest(AddMemoryVariant.AddMemory, 1, Dimm, ByteSize.FromGiB(1))), new StateStore(new BlockId(129), "online_movable", 5)],
            "deadlock", seeds: 200));
    }

    private static KernelBugs Bug(bool on, KernelBugs bug) => on ? bug : KernelBugs.None;

    private static KernelHost OnlineFirstCxlBlock(KernelHost host)
    {
        Assert.True(host.Write(Hosts.Block(host.BlocksOf(1)[0], "state"), "online_movable").Ok);
        return host;
    }

    private static KernelHost WithFaults(KernelHost host, FaultPlan plan)
    {
        host.State.Faults = plan;
        return host;
    }

    private void Expect(bool on, string invariant, BugSearch.Finding? finding)
    {
        if (finding is not null)
        {
            output.WriteLine($"{invariant}: found with seed {finding.Seed}: {finding.Detail}");
        }

        if (on)
        {
            Assert.True(finding is not null, $"the bug switch is on but no seed broke {invariant}");
        }
        else
        {
            Assert.True(finding is null, $"the fixed kernel broke {invariant} with seed {finding?.Seed}: {finding?.Detail}");
        }
    }
}
