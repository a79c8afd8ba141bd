using HotplugCluster.Exploration.Scenarios;
using HotplugCluster.Exploration.Schedules;
using HotplugCluster.Exploration.Strategies;
using HotplugCluster.Exploration.Traces;
using HotplugCluster.Kernel.Faults;
using HotplugCluster.Simulation.Tests;

namespace HotplugCluster.Exploration.Tests.Schedules;

/// <summary>Schedules are deterministic by seed, strategies differ as designed, replays reproduce, minimisation keeps the failure.</summary>
public sealed class ExplorerTests
{
    private static Explorer Cycles(StrategyKind kind, string? bug = null, long seed = 0) =>
        new(StressScenarios.Load("online-offline-cycles", bug is null ? null : $"host.kernel.bugs = [ {bug} ]"), new ExplorationSettings(kind, 3, seed));

    [Theory]
    [InlineData(StrategyKind.Fifo)]
    [InlineData(StrategyKind.Random)]
    [InlineData(StrategyKind.Pct)]
    public void A_schedule_reruns_identically_from_its_index(StrategyKind kind)
    {
        var a = Cycles(kind);
        var b = Cycles(kind);
        for (var i = 0; i < 5; i++)
        {
            var x = a.Run(i, detail: true);
            var y = b.Run(i, detail: true);
            Assert.Equal(x.Choices, y.Choices);
            Assert.Equal(x.Results, y.Results);
            Assert.Equal(x.Lines, y.Lines);
        }
    }

    [Fact]
    public void Schedules_run_on_several_threads_at_once_give_the_sequential_outcomes()
    {
        // hotplug stress spreads schedules over the cores: each builds its own system, so nothing is shared.
        var explorer = Cycles(StrategyKind.Pct, seed: 5);
        var sequential = Enumerable.Range(0, 16).Select(i => explorer.Run(i)).ToList();
        var parallel = new ScheduleOutcome[16];
        Parallel.For(0, 16, i => parallel[i] = explorer.Run(i));
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(sequential[i].Choices, parallel[i].Choices);
            Assert.Equal(sequential[i].Results, parallel[i].Results);
        }
    }

    [Fact]
    public void Fifo_takes_only_default_choices_while_random_and_pct_interleave()
    {
        Assert.All(Cycles(StrategyKind.Fifo).Run(0).Choices, c => Assert.Equal(0, c));
        foreach (var kind in new[] { StrategyKind.Random, StrategyKind.Pct })
        {
            var explorer = Cycles(kind);
            var distinct = Enumerable.Range(0, 10).Select(i => string.Join(",", explorer.Run(i).Choices)).Distinct().Count();
            Assert.True(distinct >= 5, $"{kind}: only {distinct} distinct schedules of 10");
        }
    }

    [Fact]
    public void Pct_places_depth_minus_one_change_points_within_the_expected_length()
    {
        var pct = new PctStrategy(42, 4, 100);
        Assert.Equal(3, pct.ChangePoints.Count);
        Assert.All(pct.ChangePoints, p => Assert.InRange(p, 0, 99));
        Assert.Equal(pct.ChangePoints, new PctStrategy(42, 4, 100).ChangePoints);
        Assert.Empty(new PctStrategy(42, 1, 100).ChangePoints);
    }

    [Fact]
    public void Replaying_a_schedules_choices_reproduces_its_results()
    {
        var explorer = Cycles(StrategyKind.Random);
        for (var i = 0; i < 5; i++)
        {
            var run = explorer.Run(i, detail: true);
            var replay = explorer.Replay(run.Choices, explorer.ScheduleSeed(i), strict: true, detail: true);
            Assert.Equal(run.Results, replay.Results);
            Assert.Equal(run.Lines, replay.Lines);
        }
    }

    [Fact]
    public void A_strict_replay_names_the_step_where_the_trace_no_longer_fits()
    {
        var explorer = Cycles(StrategyKind.Random);
        var choices = explorer.Run(0).Choices.ToArray();
        choices[10] = 99;
        var e = Assert.Throws<ScheduleDivergedException>(() => explorer.Replay(choices, explorer.ScheduleSeed(0), strict: true, detail: false));
        Assert.Equal(10, e.Step);
        Assert.Contains("diverged at step 10: the trace chooses actor #99", e.Message, StringComparison.Ordinal);

        // Lenient (minimisation's edits) clamps instead.
        Assert.NotNull(explorer.Replay(choices, explorer.ScheduleSeed(0), strict: false, detail: false));
    }

    [Fact]
    public void A_violation_names_the_lane_the_operation_and_the_step()
    {
        var outcome = Cycles(StrategyKind.Pct, "online-pages-without-mem-hotplug-lock").Run(0);
        var f = Assert.IsType<Finding>(outcome.Finding);
        Assert.Equal("lock-discipline", f.Invariant);
        Assert.Equal("online-file", f.Lane);
        Assert.StartsWith("online_pages:", f.KernelStep, StringComparison.Ordinal);
        Assert.Equal(outcome.Steps, f.Step);
    }

    [Fact]
    public void Minimisation_keeps_the_failure_with_no_more_non_default_choices()
    {
        var explorer = new Explorer(
            StressScenarios.Load("kmem-bind-vs-online", "host.kernel.bugs = [ concurrent-memory-hot-add-deadlock ]"),
            new ExplorationSettings(StrategyKind.Pct, 3, 0) { Only = new SortedSet<string>(["deadlock"], StringComparer.Ordinal) });
        var found = StressScenarios.Search(explorer, 2000);
        Assert.True(found is not null, "PCT found no deadlock in 2000 schedules");
        var (index, outcome) = found.Value;
        Assert.Equal("deadlock", outcome.Finding?.Invariant);
        var minimised = explorer.Minimise(outcome, explorer.ScheduleSeed(index));
        Assert.Equal("deadlock", minimised.Outcome.Finding?.Invariant);
        Assert.True(minimised.Outcome.Choices.Count(c => c != 0) <= outcome.Choices.Count(c => c != 0));
        Assert.NotEmpty(minimised.Outcome.Lines);

        // The minimised choices replay strictly to the same finding.
        var replay = explorer.Replay(minimised.Outcome.Choices, explorer.ScheduleSeed(index), strict: true, detail: false);
        Assert.Equal(minimised.Outcome.Finding, replay.Finding);
        var text = TraceRendering.Text(minimised.Outcome.Lines, minimised.Outcome.Finding);
        Assert.Contains("bind", text, StringComparison.Ordinal);
        Assert.Contains("==> deadlock", text, StringComparison.Ordinal);
        var mermaid = TraceRendering.Mermaid(minimised.Outcome.Lines, minimised.Outcome.Finding, "t");
        Assert.Contains("sequenceDiagram", mermaid, StringComparison.Ordinal);
        Assert.Contains("bind->>MemHotplug: op", mermaid, StringComparison.Ordinal);
    }

    [Fact]
    public void Concurrent_dimm_adds_in_two_lanes_get_distinct_slots_and_names()
    {
        var config = TestRepo.Load("""
            host {
              kernel { memory-block-size = 256MiB }
              numa-nodes = [ { id = 0, cpus = 8, dram = 1GiB }, { id = 1, cpus = 0 } ]
            }
            lanes = [
              { name = a, run = [ "dimm add 512M --node 1" ] }
              { name = b, run = [ "dimm add 512M --node 1" ] }
            ]
            expect = [ { path = /sys/devices/system/memory/memory7/state, equals = offline } ]
            """, "two-dimms.conf");
        var explorer = new Explorer(StressScenarioConfig.Read(config, "two-dimms.conf"), new ExplorationSettings(StrategyKind.Random, 3, 1));
        for (var i = 0; i < 10; i++)
        {
            var outcome = explorer.Run(i);
            Assert.Null(outcome.Finding);
            Assert.All(outcome.Results, r => Assert.Equal("ok", r.Result));
        }
    }

    [Fact]
    public void Shipped_setups_succeed_and_a_failing_setup_command_is_reported_once()
    {
        Assert.All(StressScenarios.Shipped(), name => Assert.Empty(new Explorer(StressScenarios.Load(name), new ExplorationSettings()).SetupFailures));
        var bad = StressScenarios.Load("online-offline-cycles", "operations = [ \"echo offline > /sys/devices/system/memory/memory256/state\" ]");
        var failure = Assert.Single(new Explorer(bad, new ExplorationSettings()).SetupFailures);
        Assert.Equal("exit 1: write error: Invalid argument (EINVAL)", failure.Result);
    }

    [Fact]
    public void A_schedules_fault_plan_is_fixed_by_its_seed_and_arms_only_the_scenarios_sites()
    {
        var explorer = new Explorer(StressScenarios.Load("add-failure-rollback"), new ExplorationSettings());
        var plans = Enumerable.Range(0, 20).Select(i => explorer.FaultsFor(explorer.ScheduleSeed(i))).ToList();
        Assert.All(plans, p => Assert.NotNull(p.AddFailure));
        Assert.All(plans, p => Assert.Null(p.NotifierVeto));
        Assert.Equal(plans[3], explorer.FaultsFor(explorer.ScheduleSeed(3)));
        Assert.True(plans.Select(p => p.AddFailure).Distinct().Count() > 1);
        Assert.Equal(FaultPlan.None, Cycles(StrategyKind.Pct).FaultsFor(1));
    }
}
