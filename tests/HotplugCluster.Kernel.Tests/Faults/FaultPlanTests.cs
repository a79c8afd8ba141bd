using HotplugCluster.Kernel.Allocations;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Faults;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Zones;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Faults;

/// <summary>
/// The BUGGIFY-style fault sites of <see cref="FaultPlan"/> (race seeds (c) and (d), docs/kernel-model.md "Race
/// seeds").
/// </summary>
public sealed class FaultPlanTests
{
    private static readonly PhysAddr Dimm = new(32UL << 30);

    public static TheoryData<MemmapOnMemoryMode, AddFailurePoint, int> AddFailures()
    {
        var data = new TheoryData<MemmapOnMemoryMode, AddFailurePoint, int>();
        foreach (var mode in new[] { MemmapOnMemoryMode.Off, MemmapOnMemoryMode.On })
        {
            foreach (var point in new[] { AddFailurePoint.ArchAddMemory, AddFailurePoint.CreateMemoryBlockDevices })
            {
                for (var k = 0; k < 4; k++)
                {
                    data.Add(mode, point, k);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AddFailures))]
    public void An_allocation_failure_at_block_k_of_a_multi_block_add_rolls_everything_back(MemmapOnMemoryMode mode, AddFailurePoint point, int k)
    {
        // Race seed (d): fail after k of 4 blocks; the add is all or nothing, each altmap freed with its own altmap.
        var host = Boot(MiB(256), mode, cxlGiB: 0);
        var before = WithoutFreeCounters(SysfsTree.Snapshot(host.State));
        var normal0 = host.State.Nodes[0][ZoneType.Normal].Allocated;
        host.State.Faults = new FaultPlan(new AddFailure(k, point));
        var flags = mode == MemmapOnMemoryMode.On ? Mhp.MemmapOnMemory : Mhp.None;
        var add = host.Run(new AddMemory(new AddMemoryRequest(AddMemoryVariant.AddMemory, 1, Dimm, GiB(1), Flags: flags)));
        Assert.Equal(Errno.ENOMEM, add.Error);
        // All but the empty slabs SLUB keeps (min_partial) comes back: no object, no page table is left.
        Assert.Equal(before, WithoutFreeCounters(SysfsTree.Snapshot(host.State)));
        Assert.All(Enum.GetValues<SlabCache>(), c => Assert.Equal(0, host.State.KernelAllocations.Objects(c)));
        Assert.Empty(host.State.KernelAllocations.PageTables);
        Assert.Equal(normal0.Value, host.State.Nodes[0][ZoneType.Normal].Allocated.Value - host.KernelPagesOn(0));
        Assert.DoesNotContain(host.State.Blocks.Present(), b => b.Id.Value >= 128);
        Assert.Empty(host.State.StrayBuddyPages);
        Assert.Empty(host.State.BlockReferences);

        // The fault is fixed for the run: a smaller add that never reaches block k succeeds.
        if (k > 0)
        {
            Assert.Null(host.Run(new AddMemory(new AddMemoryRequest(AddMemoryVariant.AddMemory, 1, Dimm, MiB(256UL * (ulong)k), Flags: flags))).Error);
            Assert.Equal(k, host.BlocksOf(1).Length);
            Assert.All(host.BlocksOf(1), b => Assert.Equal(mode == MemmapOnMemoryMode.On, host.State.Blocks[new BlockId(b)].HasAltmap));
        }
    }

    [Fact]
    public void The_request_fail_at_block_and_the_plan_strike_the_same_step()
    {
        var viaRequest = Boot(MiB(256), cxlGiB: 0);
        var viaPlan = Boot(MiB(256), cxlGiB: 0);
        viaPlan.State.Faults = new FaultPlan(new AddFailure(2));
        viaRequest.RecordSteps = viaPlan.RecordSteps = true;
        viaRequest.Run(new AddMemory(new AddMemoryRequest(AddMemoryVariant.AddMemory, 1, Dimm, GiB(1), FailAtBlock: 2)));
        viaPlan.Run(new AddMemory(new AddMemoryRequest(AddMemoryVariant.AddMemory, 1, Dimm, GiB(1))));
        Assert.Equal(viaRequest.StepLog.Select(s => s.ToString()), viaPlan.StepLog.Select(s => s.ToString()));
        Assert.Equal(viaRequest.Journal, viaPlan.Journal, new EventText());
    }

    [Fact]
    public void A_notifier_veto_strikes_the_chosen_call_of_its_action_only()
    {
        var host = Boot(MiB(256));
        var ids = host.BlocksOf(1);
        host.State.Faults = new FaultPlan(NotifierVeto: new NotifierVeto(MemoryAction.MEM_GOING_ONLINE, Errno.ENOMEM, Occurrence: 2));
        Assert.True(host.Write(Block(ids[0], "state"), "online_movable").Ok);
        var second = host.Write(Block(ids[1], "state"), "online_movable");
        Assert.Equal(Errno.ENOMEM, second.Error);
        Assert.Equal("offline\n", host.Read(Block(ids[1], "state")).Content);
        Assert.Contains(host.Journal, e => e is MemoryNotified { Action: MemoryAction.MEM_CANCEL_ONLINE });
        Assert.True(host.Write(Block(ids[1], "state"), "online_movable").Ok);
    }

    [Fact]
    public void A_notifier_veto_of_every_going_offline_keeps_the_block_online_with_the_errno()
    {
        var host = Boot(MiB(256));
        var id = host.BlocksOf(1)[0];
        Assert.True(host.Write(Block(id, "state"), "online_movable").Ok);
        var present = host.State.Nodes[1][ZoneType.Movable].Present;
        host.State.Faults = new FaultPlan(NotifierVeto: new NotifierVeto(MemoryAction.MEM_GOING_OFFLINE, Errno.EBUSY));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(Errno.EBUSY, host.Write(Block(id, "state"), "offline").Error);
        }

        Assert.Equal("online\n", host.Read(Block(id, "state")).Content);
        Assert.Equal(present, host.State.Nodes[1][ZoneType.Movable].Present);
        host.State.Faults = FaultPlan.None;
        Assert.True(host.Write(Block(id, "state"), "offline").Ok);
    }

    [Fact]
    public void A_pcplist_page_during_offline_costs_one_retry_after_drain_all_pages()
    {
        // offline_pages() since 9683182612214 (v5.9): test_pages_isolated() fails once; drain_all_pages() moves the
        // page; the next pass succeeds.
        var clean = OnlineBlock(out var id);
        Assert.Null(clean.Run(new MemoryBlockOffline(new BlockId(id), signalAfterAttempts: 1)).Error);

        var held = OnlineBlock(out id);
        held.State.Faults = new FaultPlan(PcplistPagesDuringOffline: 1);
        Assert.Equal(Errno.EINTR, held.Run(new MemoryBlockOffline(new BlockId(id), signalAfterAttempts: 1)).Error);
        Assert.Equal("online\n", held.Read(Block(id, "state")).Content);
        Assert.Null(held.Run(new MemoryBlockOffline(new BlockId(id), signalAfterAttempts: 2)).Error);
        Assert.Equal("offline\n", held.Read(Block(id, "state")).Content);
    }

    [Fact]
    public void A_signal_during_offline_gives_EINTR_and_restores_the_block_and_its_accounting()
    {
        var host = Boot(MiB(256), MemmapOnMemoryMode.On);
        var id = host.BlocksOf(1)[0];
        Assert.True(host.Write(Block(id, "state"), "online_movable").Ok);
        var movable = host.State.Nodes[1][ZoneType.Movable];
        var (present, managed) = (movable.Present, movable.Managed);
        host.State.Faults = new FaultPlan(SignalAtOfflinePass: 0);
        Assert.Equal(Errno.EINTR, host.Write(Block(id, "state"), "offline").Error);
        Assert.Equal("online\n", host.Read(Block(id, "state")).Content);
        Assert.Equal((present, managed), (movable.Present, movable.Managed));
        Assert.Contains(host.Journal, e => e is MemoryNotified { Action: MemoryAction.MEM_CANCEL_OFFLINE });

        // A later pass: migration of a pinned page keeps failing until the signal at pass 3.
        host.State.Faults = new FaultPlan(SignalAtOfflinePass: 3);
        Assert.Null(host.Run(new WorkloadAllocate(new NodeId(1), Kernel.Workload.PageKind.Pinned, new PageCount(1))).Error);
        var offline = host.Run(new MemoryBlockOffline(new BlockId(id)));
        Assert.Equal(Errno.EINTR, offline.Error);
    }

    [Fact]
    public void No_fault_plan_means_no_faults()
    {
        Assert.False(FaultPlan.None.Any);
        Assert.True(new FaultPlan(PcplistPagesDuringOffline: 1).Any);
        Assert.Same(FaultPlan.None, Boot(MiB(256)).State.Faults);
    }

    [Fact]
    public void Choose_arms_exactly_the_enabled_sites_and_is_fixed_by_the_seed()
    {
        Assert.False(FaultPlan.Choose(FaultSite.None, new Random(1).Next).Any);
        var all = FaultSite.AllocationFailure | FaultSite.NotifierVeto | FaultSite.PcplistPage | FaultSite.SignalDuringOffline;
        for (var seed = 0; seed < 50; seed++)
        {
            var plan = FaultPlan.Choose(all, new Random(seed).Next, maxBlock: 4, maxPass: 3);
            Assert.Equal(plan, FaultPlan.Choose(all, new Random(seed).Next, maxBlock: 4, maxPass: 3));
            Assert.InRange(plan.AddFailure!.AtBlock, 0, 3);
            Assert.InRange(plan.NotifierVeto!.Occurrence, 1, 4);
            Assert.Equal(1u, plan.PcplistPagesDuringOffline);
            Assert.InRange(plan.SignalAtOfflinePass!.Value, 0, 2);

            var only = FaultPlan.Choose(FaultSite.SignalDuringOffline, new Random(seed).Next);
            Assert.Null(only.AddFailure);
            Assert.Null(only.NotifierVeto);
            Assert.Equal(0u, only.PcplistPagesDuringOffline);
            Assert.NotNull(only.SignalAtOfflinePass);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => FaultPlan.Choose(all, new Random(1).Next, maxBlock: 0));
    }

    private static KernelHost OnlineBlock(out uint id)
    {
        var host = Boot(MiB(256));
        id = host.BlocksOf(1)[0];
        Assert.True(host.Write(Block(id, "state"), "online_movable").Ok);
        return host;
    }

    private sealed class EventText : IEqualityComparer<KernelEvent>
    {
        public bool Equals(KernelEvent? x, KernelEvent? y) => x?.ToString() == y?.ToString();

        public int GetHashCode(KernelEvent obj) => obj.ToString()!.GetHashCode(StringComparison.Ordinal);
    }

    // The files that show free pages, which the empty slabs SLUB keeps after the rollback still take.
    private static List<KeyValuePair<string, string>> WithoutFreeCounters(IReadOnlyList<KeyValuePair<string, string>> snapshot) =>
        [.. snapshot.Where(e => !e.Key.EndsWith("meminfo", StringComparison.Ordinal) && e.Key != "/proc/zoneinfo")];
}
