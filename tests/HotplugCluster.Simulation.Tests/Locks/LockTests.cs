using HotplugCluster.Actors.Dispatch;
using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.TestKit;
using static HotplugCluster.Simulation.Tests.SimHosts;

namespace HotplugCluster.Simulation.Tests.Locks;

/// <summary>
/// The locks as actors: FIFO grants, refused and reported unpaired releases, the owners' lock check, and the leaked
/// lock of try_remove_memory() before b4223a510e2a.
/// </summary>
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

        // The switch a historical bug flips lets it through, as KernelHost.EnforceLocks does.
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

    [Fact]
    public void A_write_planned_before_its_block_is_removed_locks_the_gone_device_and_gets_ENODEV()
    {
        // The writer holds a reference to the device (kernfs open), so device_lock works and device_online() finds it removed.
        using var host = Boot(Config(MiB(256)));
        var id = host.BlocksOf(1)[0];
        var unbind = host.Submit(new DaxDriverRelease("dax0.0", DaxDriver.Kmem));
        while (!host.HeldLocks.Any(h => h.Lock.Lock == KernelLock.DeviceHotplug))
        {
            Assert.Equal(1, host.System!.RunSteps(1));
        }

        var online = host.SubmitWrite(Block(id, "online"), "1");
        host.RunUntilQuiescent();
        Assert.Null(unbind.Outcome().Error);
        Assert.Equal(Kernel.Errno.ENODEV, online.Outcome().Error);
        Assert.Contains(host.StepLog, s => s.Step == $"lock MemoryBlockDevice(memory{id})" && s.OpId == host.Operations[^1].OpId);
        Assert.DoesNotContain(id, host.BlockActorIds());
        Assert.Empty(host.HeldLocks);
        Assert.Empty(host.Problems);
    }

    [Fact]
    public void A_device_removed_while_its_lock_is_held_keeps_the_lock_until_the_holder_drops_it()
    {
        var outcomes = new HashSet<string>();
        RandomizedTest.ForSeeds(40, 0, seed =>
        {
            using var host = Boot(Config(MiB(256)), SchedulingStrategyKind.Random, seed);
            var id = new BlockId(host.BlocksOf(1)[^1]);
            var remove = host.Submit(new RemoveUnderDeviceLock(id));
            var online = host.Submit(new MemoryBlockOnline(id, null));
            host.RunUntilQuiescent();
            Assert.Null(host.StuckReport());
            Assert.Null(remove.Outcome().Error);
            // device_online() takes only the device's lock: online first, or queued behind the removal and then -ENODEV.
            var result = online.Outcome().Error;
            Assert.True(result is null || result == Kernel.Errno.ENODEV, $"{result}");
            outcomes.Add(result?.Name ?? "ok");
            Assert.Empty(host.HeldLocks);
            Assert.Empty(host.Problems);
        });
        Assert.Equal(["ENODEV", "ok"], outcomes.Order(StringComparer.Ordinal));
    }

    [Theory]
    // Before b4223a510e2a: try_remove_memory() took mem_hotplug_lock before the offline check and leaked it on -EBUSY.
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

    /// <summary>Unregisters a block's device while holding its device_lock (a test path, not a kernel one), then drops the lock.</summary>
    private sealed class RemoveUnderDeviceLock(BlockId id) : KernelOperation
    {
        public override string Name => "remove_under_device_lock";

        public override IEnumerable<KernelStep> Steps()
        {
            yield return Acquire(KernelLock.DeviceHotplug);
            yield return Acquire(KernelLock.MemoryBlockDevice, id.ToString());
            yield return Work("unregister", StateOwner.Block, KernelLock.MemoryBlockDevice, _ => StepResult.Ok(new Kernel.Events.MemoryBlockRemoved(id)));
            yield return Work("settle", StateOwner.Host, KernelLock.MemoryBlockDevice, _ => StepResult.Ok());
            yield return Release(KernelLock.MemoryBlockDevice, id.ToString());
            yield return Release(KernelLock.DeviceHotplug);
        }

        protected override string? TargetOf(StateOwner owner) => owner == StateOwner.Block ? id.ToString() : null;
    }

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
