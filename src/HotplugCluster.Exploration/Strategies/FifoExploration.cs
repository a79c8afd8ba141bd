using HotplugCluster.Actors.Dispatch;

namespace HotplugCluster.Exploration.Strategies;

/// <summary>No interleaving beyond the mailboxes' own order: always the longest-waiting actor (the default choice).</summary>
public sealed class FifoExploration : ExplorationStrategy
{
    /// <inheritdoc/>
    protected override int Pick(IReadOnlyList<IScheduledActor> enabled, int position) => 0;
}
