namespace HotplugCluster.Exploration.Strategies;

/// <summary>How the explorer schedules each run: <c>fifo</c>, <c>random</c> (seeded walk) or <c>pct</c> (priority change points).</summary>
public enum StrategyKind
{
    Fifo,
    Random,
    Pct,
}
