using HotplugCluster.Exploration.Schedules;
using HotplugCluster.Exploration.Strategies;
using HotplugCluster.Kernel.Faults;

namespace HotplugCluster.Exploration.Tests.Scenarios;

/// <summary>The lane verbs that are not one sysfs write: daxctl processes, CXL insert / removal, signals (docs/exploration.md).</summary>
public sealed class LaneVerbTests
{
    [Fact]
    public void A_daxctl_verb_in_a_lane_is_a_process_whose_writes_other_lanes_interleave_with()
    {
        var scenario = StressScenarios.Load("daxctl-reconfigure-vs-kmem-unbind");
        const string daxctl = "daxctl reconfigure-device -m system-ram dax0.0";
        var interleaved = false;
        for (var seed = 0; seed < 200 && !interleaved; seed++)
        {
            var outcome = ScheduleRun.Execute(scenario, new RandomExploration(seed), FaultPlan.None, detail: true);
            Assert.Null(outcome.Finding);

            // Each write is its own operation: between two of daxctl's operations, a step of the unbind lane.
            var steps = outcome.Lines.Where(l => l.OpId != "-").ToList();
            var writes = steps.Where(l => l.Command.StartsWith(daxctl + " | echo ", StringComparison.Ordinal)).Select(l => l.OpId).Distinct().ToList();
            Assert.True(writes.Count >= 2, $"seed {seed}: daxctl made {writes.Count} writes");
            var first = steps.FindIndex(l => l.OpId == writes[0]);
            var last = steps.FindLastIndex(l => l.OpId == writes[^1]);
            interleaved = steps.Skip(first).Take(last - first).Any(l => l.Lane == "unbind");
            Assert.Contains(outcome.Results, r => r.Lane == "daxctl" && r.Command == daxctl);
        }

        Assert.True(interleaved, "no schedule put an unbind step between two daxctl writes");
    }

    [Fact]
    public void A_signal_lane_interrupts_the_offline_looping_on_a_pinned_page_with_EINTR()
    {
        var outcome = ScheduleRun.Execute(StressScenarios.Load("signal-pinned-offline"), new RandomExploration(1), FaultPlan.None, detail: true);
        Assert.Null(outcome.Finding);
        Assert.Contains(outcome.Results, r => r.Lane == "kill" && r.Result.StartsWith("signal sent to offline/", StringComparison.Ordinal));
        Assert.Contains(outcome.Results, r => r.Lane == "offline" && r.Result == "EINTR");

        // The signal, not the user's timeout (SignalAfterAttempts = 100 passes), ended the loop: one migration pass.
        Assert.Single(outcome.Lines, l => l.Lane == "offline" && l.Text.StartsWith("offline_pages: do_migrate_range", StringComparison.Ordinal));
    }

    [Fact]
    public void A_signal_to_a_lane_with_nothing_in_flight_is_a_no_op()
    {
        var scenario = StressScenarios.Load("signal-pinned-offline", """lanes = [ { name = kill, run = [ "signal offline" ] }, { name = offline, run = [ "cat /proc/iomem" ] } ]""");
        var outcome = ScheduleRun.Execute(scenario, new RandomExploration(1), FaultPlan.None, detail: true);
        Assert.Contains(outcome.Results, r => r.Lane == "kill" && r.Result == "no-op: offline has no operation in flight");
        Assert.Contains(outcome.Lines, l => l.Text == "$ signal offline -> no-op: offline has no operation in flight");
    }

    [Fact]
    public void A_surprise_remove_racing_onlining_orphans_memory_and_an_expectation_on_dmesg_sees_it()
    {
        const string expect = """expect = [ { path = dmesg, contains = "stays System RAM with no device behind it until the next reboot" } ]""";
        var scenario = StressScenarios.Load("cxl-surprise-remove-vs-online", expect);
        for (var seed = 0; seed < 20; seed++)
        {
            // The online write takes device_hotplug_lock long before the teardown reaches remove_memory(): -EBUSY, orphaned.
            Assert.Null(ScheduleRun.Execute(scenario, new RandomExploration(seed), FaultPlan.None).Finding);
        }

        // Nothing online: the teardown removes all of it, and the same expectation fails.
        var alone = StressScenarios.Load("cxl-surprise-remove-vs-online", expect + "\nlanes = [ { name = unplug, run = [ \"cxl surprise-remove mem0\" ] } ]");
        Assert.Equal("expect", ScheduleRun.Execute(alone, new RandomExploration(0), FaultPlan.None).Finding?.Invariant);
    }
}
