using HotplugCluster.Actors;
using HotplugCluster.Exploration.Scenarios;
using HotplugCluster.Exploration.Strategies;
using HotplugCluster.Exploration.Traces;
using HotplugCluster.Kernel.Faults;

namespace HotplugCluster.Exploration.Schedules;

/// <summary>
/// Explores a stress scenario's schedules: schedule i runs on its own host with seed <see cref="ScheduleSeed(int)"/>,
/// which fixes its strategy's choices and its fault plan, so any schedule reruns alone. <see cref="Run"/> is safe to
/// call from several threads at once (each call builds its own actor system); the caller decides how to spread them.
/// A failing schedule is minimised by <see cref="Minimise"/> and replayed by <see cref="Replay"/>.
/// </summary>
public sealed class Explorer
{
    private readonly StressScenario _scenario;

    /// <summary>Prepares a search; measures the scenario's FIFO length (PCT spreads its change points over it).</summary>
    public Explorer(StressScenario scenario, ExplorationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(settings);
        _scenario = scenario;
        Settings = settings;
        var fifo = ScheduleRun.Execute(scenario, new FifoExploration(), FaultPlan.None);
        ExpectedSteps = Math.Max(1, fifo.Steps);
        SetupFailures = [.. fifo.Results.Where(r => r.Lane == "setup")];
    }

    /// <summary>Setup commands that failed (exit status and first output line): the same in every schedule, reported once.</summary>
    public IReadOnlyList<LaneResult> SetupFailures { get; }

    /// <summary>The strategy, depth and run seed.</summary>
    public ExplorationSettings Settings { get; }

    /// <summary>The scheduler steps of the scenario's lanes under FIFO with no faults.</summary>
    public int ExpectedSteps { get; }

    /// <summary>Schedule <paramref name="index"/>'s seed: SplitMix64 of the run seed and the index (distinct, well spread).</summary>
    public long ScheduleSeed(int index) => ScheduleSeed(Settings.Seed, index);

    /// <inheritdoc cref="ScheduleSeed(int)"/>
    public static long ScheduleSeed(long runSeed, int index)
    {
        var z = unchecked((ulong)runSeed + ((ulong)(uint)index + 1) * 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return unchecked((long)(z ^ (z >> 31)));
    }

    /// <summary>The fault plan a schedule seed arms: the scenario's fault sites, parameters drawn from the seed.</summary>
    public FaultPlan FaultsFor(long scheduleSeed)
    {
        if (_scenario.Faults == FaultSite.None)
        {
            return FaultPlan.None;
        }

        var random = new DeterministicRandom(scheduleSeed ^ 0x5DEECE66DL);
        return FaultPlan.Choose(_scenario.Faults, random.NextInt);
    }

    /// <summary>Runs schedule <paramref name="index"/>.</summary>
    public ScheduleOutcome Run(int index, bool detail = false)
    {
        var seed = ScheduleSeed(index);
        ExplorationStrategy strategy = Settings.Strategy switch
        {
            StrategyKind.Fifo => new FifoExploration(),
            StrategyKind.Random => new RandomExploration(seed),
            _ => new PctStrategy(seed, Settings.Depth, ExpectedSteps),
        };
        return ScheduleRun.Execute(_scenario, strategy, FaultsFor(seed), detail, Settings);
    }

    /// <summary>
    /// Replays <paramref name="choices"/> with the fault plan of <paramref name="scheduleSeed"/>. Strict: a choice
    /// that cannot be made throws <see cref="ScheduleDivergedException"/>; lenient: it is clamped.
    /// </summary>
    public ScheduleOutcome Replay(IReadOnlyList<int> choices, long scheduleSeed, bool strict, bool detail)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return ScheduleRun.Execute(_scenario, new ReplayExploration(choices, strict), FaultsFor(scheduleSeed), detail, Settings);
    }

    /// <summary>
    /// Delta debugging over a failing schedule's choices: replaces groups of non-default choices by the default
    /// (index 0), keeping each replacement under which the same invariant still fails, with groups halving down to
    /// single choices (Zeller's ddmin over the set of non-default choices); each kept replay also cuts the schedule
    /// at its (possibly earlier) finding. The result is replayed with detail for the readable trace.
    /// </summary>
    public Minimised Minimise(ScheduleOutcome failing, long scheduleSeed)
    {
        ArgumentNullException.ThrowIfNull(failing);
        var invariant = failing.Finding?.Invariant ?? throw new ArgumentException("the schedule did not fail", nameof(failing));
        var current = Trim(failing.Choices);
        var replays = 0;
        var granularity = 2;
        while (replays < Settings.MinimiseBudget)
        {
            var nonDefault = Enumerable.Range(0, current.Count).Where(i => current[i] != 0).ToList();
            if (nonDefault.Count == 0)
            {
                break;
            }

            granularity = Math.Min(granularity, nonDefault.Count);
            var size = (nonDefault.Count + granularity - 1) / granularity;
            var reduced = false;
            for (var start = 0; start < nonDefault.Count && replays < Settings.MinimiseBudget; start += size)
            {
                var candidate = current.ToArray();
                foreach (var i in nonDefault.Skip(start).Take(size))
                {
                    candidate[i] = 0;
                }

                replays++;
                var outcome = Replay(candidate, scheduleSeed, strict: false, detail: false);
                if (outcome.Finding?.Invariant == invariant)
                {
                    current = Trim(outcome.Choices);
                    reduced = true;
                    break;
                }
            }

            if (reduced)
            {
                granularity = Math.Max(granularity - 1, 2);
            }
            else if (granularity >= nonDefault.Count)
            {
                break;
            }
            else
            {
                granularity = Math.Min(granularity * 2, nonDefault.Count);
            }
        }

        var final = Replay(current, scheduleSeed, strict: false, detail: true);
        return new Minimised(final with { Choices = Trim(final.Choices) }, replays + 1);
    }

    /// <summary>Trailing default choices add nothing: a replay takes the default past its end.</summary>
    private static List<int> Trim(IReadOnlyList<int> choices)
    {
        var end = choices.Count;
        while (end > 0 && choices[end - 1] == 0)
        {
            end--;
        }

        return [.. choices.Take(end)];
    }
}
