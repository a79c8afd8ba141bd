using HotplugCluster.Kernel.Faults;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Host;

/// <summary><see cref="KernelHost.OnStep"/>: every executed step, with the locks its operation and the others held.</summary>
public sealed class StepCallbackTests
{
    [Fact]
    public void Run_reports_every_step_in_order_with_the_locks_held_while_it_ran()
    {
        var host = Boot(MiB(256));
        host.RecordSteps = true;
        var seen = new List<StepExecution>();
        host.OnStep = seen.Add;
        var before = host.StepsExecuted;
        Assert.True(host.Write(Block(host.BlocksOf(1)[0], "state"), "online_movable").Ok);
        Assert.Equal(host.StepLog, seen.Select(s => s.Step));
        Assert.Equal(Enumerable.Range(before, seen.Count), seen.Select(s => s.Index));
        Assert.All(seen, s => Assert.True(s.LockHeld, s.Step.ToString()));
        Assert.All(seen, s => Assert.Empty(s.HeldByOthers));
        var going = seen.Single(s => s.Step.Name == "online_pages: MEM_GOING_ONLINE");
        Assert.Equal(["DeviceHotplug", "MemoryBlockDevice(memory256)", "MemHotplug"], going.Held.Select(h => h.ToString()));
        Assert.Equal("state_store", going.OperationName);
        Assert.Empty(seen.Last().Held);
    }

    [Fact]
    public void RunInterleaved_reports_the_other_operations_locks()
    {
        var host = Boot(MiB(256));
        var ids = host.BlocksOf(1);
        var seen = new List<StepExecution>();
        host.OnStep = seen.Add;
        var turn = 0;
        host.RunInterleaved(
            [new StateStore(new BlockId(ids[0]), "online_movable", null), new WorkloadAllocate(new NodeId(0), Kernel.Workload.PageKind.Movable, new PageCount(16))],
            n => turn++ % n);
        Assert.Equal([0, 1], seen.Select(s => s.Operation).Distinct().Order());
        Assert.Contains(seen, s => s.Operation == 1 && s.HeldByOthers.Any(h => h.Lock == KernelLock.DeviceHotplug));
        Assert.All(seen, s => Assert.True(s.LockHeld, s.Step.ToString()));
    }

    [Fact]
    public void A_work_step_without_its_lock_is_flagged_and_a_leaked_lock_recorded_when_enforcement_is_off()
    {
        var settings = Config(MiB(256));
        var host = KernelHost.Boot(settings with { Kernel = settings.Kernel with { Bugs = KernelBugs.UnpairedMemHotplugBeginOnRemove } });
        Assert.False(host.EnforceLocks);
        Assert.True(host.Write(Block(host.BlocksOf(1)[0], "state"), "online").Ok);
        Assert.Empty(host.LeakedLocks);
        Assert.True(host.Write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0").Ok);
        Assert.Equal(["unbind_store: MemHotplug"], host.LeakedLocks);

        // Fixed kernels keep enforcing: a step without its lock throws under Run.
        Assert.True(Boot(MiB(256)).EnforceLocks);
    }

    [Fact]
    public void Stray_buddy_pages_and_block_references_start_empty_and_replay_from_the_journal()
    {
        var host = Boot(MiB(256), MemmapOnMemoryMode.On, cxlGiB: 0);
        host.State.Faults = new FaultPlan(new AddFailure(1, AddFailurePoint.CreateMemoryBlockDevices));
        Assert.Empty(host.State.StrayBuddyPages);
        Assert.Empty(host.State.BlockReferences);
        Assert.Equal(Errno.ENOMEM, host.Run(new AddMemory(new AddMemoryRequest(AddMemoryVariant.AddMemory, 1, new PhysAddr(32UL << 30), GiB(1), Flags: Mhp.MemmapOnMemory))).Error);
        Assert.Empty(host.State.StrayBuddyPages);
        Assert.Empty(host.State.BlockReferences);
        Assert.Contains(host.Journal, e => e is Events.MemoryBlockReferenceTaken);
        var replayed = KernelHost.Replay(host.State.Layout.Settings, host.Journal);
        Assert.Empty(replayed.BlockReferences);
    }
}
