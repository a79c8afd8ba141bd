namespace HotplugCluster.Bench.Actors;

/// <summary>How much <see cref="ActorBench"/> runs: a scale on every message count, the actors spawned, and the timed runs per figure.</summary>
public sealed record ActorBenchSizes(double Scale, int SpawnCount, int Runs)
{
    /// <summary>The shapes in full (1M actors spawned), 7 runs per figure.</summary>
    public static ActorBenchSizes Full { get; } = new(5, 1_000_000, 7);

    /// <summary>Short runs and 100k actors, 5 runs per figure: two to three minutes on two busy cores, most of it Akka.NET spawning.</summary>
    public static ActorBenchSizes Quick { get; } = new(1, 100_000, 5);
}
