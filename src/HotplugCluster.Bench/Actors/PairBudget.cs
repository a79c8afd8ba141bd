namespace HotplugCluster.Bench.Actors;

/// <summary>Messages left for one ping-pong pair; touched by one of its two actors at a time (the ball orders them).</summary>
internal sealed class PairBudget
{
    public long Left;

    public Action? Done { get; init; }
}
