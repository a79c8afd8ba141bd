using HotplugCluster.Exploration.Schedules;
using HotplugCluster.Exploration.Strategies;
using Xunit.Abstractions;

namespace HotplugCluster.Exploration.Tests.Schedules;

/// <summary>
/// Issue 6 item 5: for every shipped bug switch, a PCT search (depth 3, run seed 0) over a shipped stress scenario
/// finds the invariant the real bug broke well within 10,000 schedules (the index is printed); with no switch on,
/// every shipped scenario runs clean over a smaller count.
/// </summary>
public sealed class BugSwitchSearchTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, string, int> Switches() => new()
    {
        // scenario, switch (host.kernel.bugs), invariant the real bug broke, schedules searched (found at index in the comment)
        { "online-offline-cycles", "online-pages-without-mem-hotplug-lock", "lock-discipline", 20 }, // 381eab4a6ee8, 0
        { "online-offline-cycles", "missing-mem-hotplug-lock", "lock-discipline", 20 }, // 001002e73712, 0
        { "kmem-bind-vs-online", "concurrent-memory-hot-add-deadlock", "deadlock", 400 }, // 30467e0b3be, 255
        { "kmem-bind-vs-online", "add-remove-without-device-hotplug-lock", "lock-discipline", 20 }, // 8df1d0e4a265, 0
        { "kmem-unbind-online", "unpaired-mem-hotplug-begin-on-remove", "lock-discipline", 20 }, // b4223a510e2a, 0
        { "offline-pcplist", "no-pcp-drain-during-memory-offline", "expect", 20 }, // 9683182612214 (liveness: -EINTR), 0
        { "add-failure-rollback", "incorrect-altmap-passing-in-error-path", "removed-range-leftovers", 20 }, // Muchun Song's 2026 fix, 0
        { "add-failure-rollback-6.1", "add-memory-resource-error-path-without-altmap", "removed-range-leftovers", 100 }, // f42ce5f087eb, 30
        { "dimm-eject-refcount", "memory-block-reference-leak-on-remove", "memory-block-references", 20 }, // 93866f55f7e2, 0
        { "kmem-unbind-resource-leak", "leak-of-memory-hotplug-resources", "removed-range-leftovers", 20 }, // e686c32590f4, 0
    };

    [Theory]
    [MemberData(nameof(Switches))]
    public void Pct_finds_each_bug_switch_and_names_the_invariant_the_real_bug_broke(string scenario, string bug, string invariant, int schedules)
    {
        var on = StressScenarios.Load(scenario, $"host.kernel.bugs = [ {bug} ]");
        var explorer = new Explorer(on, new ExplorationSettings(StrategyKind.Pct, 3, 0) { Only = new SortedSet<string>([invariant], StringComparer.Ordinal) });
        var found = StressScenarios.Search(explorer, schedules);
        Assert.True(found is not null, $"{bug}: no {invariant} violation in {schedules} PCT schedules of {scenario} (run seed 0)");
        output.WriteLine($"{bug}: schedule {found.Value.Index} (seed {explorer.ScheduleSeed(found.Value.Index)}): {found.Value.Outcome.Finding}");
        Assert.Equal(invariant, found.Value.Outcome.Finding!.Invariant);

        // With the switch off, the same schedules find nothing of that name.
        var off = new Explorer(StressScenarios.Load(scenario), explorer.Settings);
        Assert.Null(StressScenarios.Search(off, Math.Min(schedules, 30)));
    }

    [Fact]
    public void With_no_switch_on_every_shipped_scenario_runs_clean_under_pct_and_random()
    {
        foreach (var name in StressScenarios.Shipped())
        {
            foreach (var kind in new[] { StrategyKind.Pct, StrategyKind.Random })
            {
                var explorer = new Explorer(StressScenarios.Load(name), new ExplorationSettings(kind, 3, 7));
                var found = StressScenarios.Search(explorer, 60);
                Assert.True(found is null, $"{name} ({kind}, run seed 7): schedule {found?.Index}: {found?.Outcome.Finding}");
            }
        }
    }

    private const string KnobScenario = "dax-knob-vs-kmem-bind";

    [Fact]
    public void The_dax_knob_store_racing_a_kmem_probe_never_leaves_altmap_blocks_behind_a_knob_that_reads_0()
    {
        // drivers/base/dd.c really_probe() sets dev->driver before kmem's probe runs, so a memmap_on_memory_store()
        // that lands during the probe sees the device bound to kmem and refuses a change with -EBUSY (memmap_on_memory_store()): the
        // blocks carry an altmap iff the knob read 1 at probe. (An earlier model set dev->driver after the probe and
        // reported a race here that the kernel does not have.)
        foreach (var kind in new[] { StrategyKind.Pct, StrategyKind.Random })
        {
            var explorer = new Explorer(StressScenarios.Load(KnobScenario), new ExplorationSettings(kind, 3, 0));
            var found = StressScenarios.Search(explorer, 200);
            Assert.True(found is null, $"{KnobScenario} ({kind}): schedule {found?.Index}: {found?.Outcome.Finding}");
        }
    }
}
