using HotplugCluster.Actors;
using HotplugCluster.Actors.Dispatch;

namespace HotplugCluster.Exploration.Strategies;

/// <summary>A seeded random walk: a uniformly random enabled actor at each step.</summary>
public sealed class RandomExploration(long seed) : ExplorationStrategy
{
    private readonly DeterministicRandom _random = new(seed);

    /// <inheritdoc/>
    protected override int Pick(IReadOnlyList<IScheduledActor> enabled, int position) => enabled.Count == 1 ? 0 : _random.NextInt(enabled.Count);
}
