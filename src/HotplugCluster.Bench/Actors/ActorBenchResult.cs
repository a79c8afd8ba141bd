namespace HotplugCluster.Bench.Actors;

/// <summary>The figures of <c>hotplug bench actors</c>; property names map to the JSON keys in snake case.</summary>
public sealed record ActorBenchResult(
    double DetMsgsPerS,
    double DetBaselineMsgsPerS,
    double ParMsgsPerS,
    double ParBaselineMsgsPerS,
    double BytesPerIdleActor);
