using BenchmarkDotNet.Attributes;
using HotplugCluster.Actors;
using HotplugCluster.Bench.Actors;

namespace HotplugCluster.Benchmarks;

/// <summary>Spawning one million minimal actors (and running their constructors), against allocating one million plain objects.</summary>
[MemoryDiagnoser]
public class SpawnBenchmarks
{
    [Params(1_000_000)]
    public int Count { get; set; }

    [Benchmark(Baseline = true)]
    public List<object> PlainObjects() => IdleActors.SpawnBaseline(Count);

    [Benchmark]
    public ActorSystem Actors() => IdleActors.Spawn(Count);
}
