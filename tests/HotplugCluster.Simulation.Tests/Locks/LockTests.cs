using HotplugCluster.Actors.Dispatch;
using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.TestKit;
using static HotplugCluster.Simulation.Tests.SimHosts;

namespace HotplugCluster.Simulation.Tests.Locks;

/// <summary>The locks as actors: FIFO grants, refused and reported unpaired releases, the owners' lock check, and §8 #6's leaked lock.</summary>
public sealed class LockTests
{
    [Fact]
    public void Contending_operations_get_device_hotplug_lock_in_request_order()
    {
        using var host = Boot(Config(MiB(256)));
        var ids = host.BlocksOf(1);
        var writes = ids.Take(3).Select(id => host.SubmitWrite(Block(id, "state"), "online_movable")).ToList();
        host.RunUntilQuiescent();
        Assert.All(writes, w => Assert.True(w.Result.Ok));
        var ops = host.Operations.Skip(host.Operations.Count - 3).Select(o => o.OpId).ToList();
        var grants = host.StepLog.Where(s => s.Step == "lock DeviceHotplug" && ops.Contains(s.OpId)).Select(s => s.OpId);
        Assert.Equal(ops, grants);
    }

    [Fact]
    public void A_waiter_queues_until_the_holder_releases_and_no_two_operations_ever_hold_one_lock()
    {
        RandomizedTest.ForSeeds(50, 0, seed =>
        {
            using var host = Boot(Config(MiB(256)), SchedulingStrategyKind.Random, seed);
            var ids = host.BlocksOf(1);
            foreach (var id in ids.Take(4))
            {
                host.SubmitWrite(Block(id, "state"), "online_movable");
            }

            // Step through and check mutual exclusion after every scheduler step.
            while (host.System!.RunSteps(1) > 0)
            {
                var byLock = host.HeldLocks.GroupBy(h => h.Lock);
                Assert.All(byLock, g => Assert.Single(g));
            }

            Assert.Null(host.StuckReport());
        });
    }

    [Fact]
    public void Release_of_a_lock_not_held_is_refused_reported_and_fails_the_operation()
    {
        using var host = Boot(Config(MiB(256)));
        var ex = Assert.Throws<InvalidOperationException>(() => host.Run(new UnpairedUnlock()));
        Assert.Contains("releases MemHotplug, which nobody holds", ex.Message, StringComparison.Ordinal);
        Assert.Contains(host.Problems, p => p.Contains("releases MemHotplug, which nobody holds", StringComparison.Ordinal));
    }

    [Fact]
    public void With_lock_enforcement_off_an_unpaired_release_is_reported_and_the_operation_goes_on()
    {
        using var host = Boot(Config(MiB(256)));
        host.EnforceLocks = false;
        var op = host.Run(new UnpairedUnlock());
        Assert.True(op.RanAfter);
        Assert.Contains(host.Problems, p => p.Contains("releases MemHotplug, which nobody holds", StringComparison.Ordinal));
    }

    [Fact]
    public void Owner_refuses_a_step_whose_lock_the_operation_does_not_hold()
    {
        using var host = Boot(Config(MiB(256)));
        var ex = Assert.Throws<InvalidOperationException>(() => host.Run(new UnlockedWork()));
        Assert.Contains("needs MemHotplug", ex.Message, StringComparison.Ordinal);
        Assert.False(host.State.Dmesg.Contains("unlocked work ran"));

        // The switch the §8 bug flips lets it through, as KernelHost.EnforceLocks does.
        host.EnforceLocks = false;
        Assert.Null(host.Run(new UnlockedWork()).Error);
        Assert.True(host.State.Dmesg.Contains("unlocked work ran"));
    }

    [Fact]
    public void A_lock_of_another_operation_does_not_satisfy_the_check()
    {
        using var host = Boot(Config(MiB(256)));
        var holder = host.Submit(new HoldThenRelease());
        var intruder = host.Submit(new UnlockedWork());
        host.RunUntilQuiescent();
        Assert.Null(holder.Outcome().Error);
        Assert.True(intruder.IsFaulted);
        Assert.Contains("needs MemHotplug", intruder.Exception!.InnerException!.Message, StringComparison.Ordinal);
    }

    [Theory]
    // §8 #6: try_remove_memory() took mem_hotplug_lock before the offline check and leaked it on -EBUSY.
    [InlineData(KernelBugs.None, false)]
    [InlineData(KernelBugs.UnpairedMemHotplugBeginOnRemove, true)]
    public void Kmem_unbind_with_online_memory_then_another_hotplug_op_is_reported_stuck_only_with_bug_6(KernelBugs bugs, bool stuck)
    {
        using var host = Boot(Config(MiB(256), bugs: bugs));
        var ids = host.BlocksOf(1);
        Assert.True(host.Write(Block(ids[0], "state"), "online").Ok);
        Assert.Null(host.Run(new DaxDriverRelease("dax0.0", DaxDriver.Kmem)).Error);
        SysfsWriteFn next = () => host.Write(Block(ids[1], "state"), "online");
        if (!stuck)
        {
            Assert.True(next().Ok);
            Assert.Empty(host.Problems);
            return;
        }

        Assert.Contains(host.Problems, p => p.Contains("(unbind_store) returned holding MemHotplug", StringComparison.Ordinal));
        var ex = Assert.Throws<HostStuckException>(() => next());
        Assert.Contains("(state_store) waits at lock MemHotplug", ex.Report, StringComparison.Ordinal);
        Assert.Contains("MemHotplug held by", ex.Report, StringComparison.Ordinal);
        Assert.Contains("(unbind_store), returned", ex.Report, StringComparison.Ordinal);
        Assert.Equal(ex.Report, host.StuckReport());
    }

    private delegate Kernel.Sysfs.SysfsWrite SysfsWriteFn();

    /// <summary>Drops mem_hotplug_lock it never took, then does one more step.</summary>
    private sealed class UnpairedUnlock : KernelOperation
    {
        public override string Name => "unpaired_unlock";

        public bool RanAfter { get; private set; }

        public override IEnumerable<KernelStep> Steps()
        {
            yield return Release(KernelLock.MemHotplug);
            yield return Work("after", StateOwner.Host, KernelLock.None, _ =>
            {
                RanAfter = true;
                return StepResult.Ok();
            });
        }
    }

    /// <summary>A work step that names mem_hotplug_lock without taking it (what a dropped acquire looks like).</summary>
    private sealed class UnlockedWork : KernelOperation
    {
        public override string Name => "unlocked_work";

        public override IEnumerable<KernelStep> Steps()
        {
            yield return Work("touch node", StateOwner.Host, KernelLock.MemHotplug, _ => StepResult.Ok(new Kernel.Events.KernelLogged("unlocked work ran")));
        }
    }

    /// <summary>Takes mem_hotplug_lock for a few steps.</summary>
    private sealed class HoldThenRelease : KernelOperation
    {
        public override string Name => "hold";

        public override IEnumerable<KernelStep> Steps()
        {
            yield return Acquire(KernelLock.MemHotplug);
            for (var i = 0; i < 3; i++)
            {
                yield return Work("work", StateOwner.Host, KernelLock.MemHotplug, _ => StepResult.Ok());
            }

            yield return Release(KernelLock.MemHotplug);
        }
    }
}
