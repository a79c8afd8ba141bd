using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Units;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Operations;

/// <summary><see cref="KernelOperation.ReuseStepObject"/>: a fleet thread's operations write their steps into one object.</summary>
public sealed class KernelOperationTests
{
    [Fact]
    public void ReuseStepObject_runs_the_same_steps_with_the_same_events_when_every_step_is_one_object()
    {
        var fresh = Boot(MiB(256), cxlGiB: 1);
        var reused = Boot(MiB(256), cxlGiB: 1);
        var freshSteps = new List<string>();
        var reusedSteps = new List<string>();
        var one = KernelStep.Reusable();
        var written = 0;
        fresh.OnStep = s => freshSteps.Add(s.Step.ToString());
        reused.OnStep = s =>
        {
            reusedSteps.Add(s.Step.ToString());
            if (s.Step.Target is not null)
            {
                // Work steps and the block's device_lock, of StateStore's nested MemoryBlockOnline / MemoryBlockOffline.
                Assert.Same(one, s.Step);
                written++;
            }
        };

        foreach (var id in fresh.BlocksOf(1))
        {
            foreach (var value in new[] { "online_movable", "offline", "online_kernel" })
            {
                var expected = fresh.Run(new StateStore(new BlockId(id), value, null));
                var op = new StateStore(new BlockId(id), value, null);
                op.ReuseStepObject(one);
                Assert.Equal(expected.Error, reused.Run(op).Error);
            }
        }

        Assert.Equal(freshSteps, reusedSteps);
        Assert.Equal(fresh.Journal.Select(e => e.ToString()), reused.Journal.Select(e => e.ToString()));
        Assert.True(written > 12 * fresh.BlocksOf(1).Length, $"{written} steps written into the reused object");
    }

    [Fact]
    public void ReuseStepObject_leaves_steps_fresh_when_not_given()
    {
        var host = Boot(MiB(256), cxlGiB: 1);
        var targeted = new HashSet<KernelStep>(ReferenceEqualityComparer.Instance);
        host.OnStep = s =>
        {
            if (s.Step.Target is not null)
            {
                targeted.Add(s.Step);
            }
        };

        host.Run(new StateStore(new BlockId(host.BlocksOf(1)[0]), "online_movable", null));
        Assert.True(targeted.Count > 2, $"{targeted.Count} distinct steps");
    }
}
