namespace HotplugCluster.Bench.Actors;

/// <summary>
/// The figures of <c>hotplug bench actors</c> by JSON key (messages or actors per second, bytes per actor), each over
/// <see cref="Runs"/> timed runs, and the workload sizes used.
/// </summary>
public sealed record ActorBenchResult(IReadOnlyDictionary<string, Figure> Figures, int Runs, int Pairs, int SpawnCount);
