namespace HotplugCluster.Exploration.Strategies;

/// <summary>How a search schedules its runs: the strategy, PCT's depth, and the run seed every schedule's seed derives from.</summary>
public sealed record ExplorationSettings(StrategyKind Strategy = StrategyKind.Pct, int Depth = 3, long Seed = 0)
{
    /// <summary>
    /// The settings of a search with check mode <paramref name="check"/> (<c>every-step</c>, <c>strict</c> or <c>end</c>,
    /// as <c>hotplug stress --check</c>) reporting only <paramref name="only"/> (null: every violation).
    /// </summary>
    public static ExplorationSettings Of(StrategyKind strategy, int depth, long seed, string check, IReadOnlyList<string>? only) => new(strategy, depth, seed)
    {
        CheckEveryStep = check != "end",
        JournalEveryStep = check == "strict",
        Only = only is null ? null : new SortedSet<string>(only, StringComparer.Ordinal),
    };

    /// <summary>At most this many replays when minimising a failing schedule.</summary>
    public int MinimiseBudget { get; init; } = 400;

    /// <summary>Check the state invariants after every state-changing step (the default); off: only at the end of each schedule (lock discipline still per step).</summary>
    public bool CheckEveryStep { get; init; } = true;

    /// <summary>
    /// Report only violations of these names (invariants, <c>deadlock</c>, <c>expect</c>, <c>operation-fault</c>);
    /// null: all. Others are ignored and the schedule goes on, e.g. to look for the hot-add deadlock past the lock-discipline
    /// violation the same switch causes first.
    /// </summary>
    public IReadOnlySet<string>? Only { get; init; }

    /// <summary>Whether a violation named <paramref name="name"/> is reported.</summary>
    public bool Reports(string name) => Only is null || Only.Contains(name);

    /// <summary>Also run <c>journal-replay</c> after every state-changing step (slow); by default it runs when the lanes have returned.</summary>
    public bool JournalEveryStep { get; init; }
}
