using HotplugCluster.Actors.Dispatch;

namespace HotplugCluster.Actors;

/// <summary>How an <see cref="Island"/> schedules: its own seed, strategy and trace, independent of every other island.</summary>
public sealed record IslandSettings
{
    /// <summary>Seed of the island's strategy.</summary>
    public long Seed { get; init; }

    /// <summary>The built-in strategy; ignored when <see cref="StrategyFactory"/> is set.</summary>
    public SchedulingStrategyKind Strategy { get; init; } = SchedulingStrategyKind.Fifo;

    /// <summary>Builds a custom strategy (e.g. a <see cref="ReplayStrategy"/>).</summary>
    public Func<ISchedulingStrategy>? StrategyFactory { get; init; }

    /// <summary>Whether the island records a trace of its choices.</summary>
    public bool RecordTrace { get; init; }
}
