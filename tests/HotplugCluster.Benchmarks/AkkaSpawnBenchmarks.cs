using BenchmarkDotNet.Attributes;
using HotplugCluster.Bench.Actors;
using HotplugCluster.Bench.Akka;

namespace HotplugCluster.Benchmarks;

/// <summary>
/// Spawning idle actors under one parent and under 1,000 parents until every one has started: ours against Akka.NET (the
/// baseline). One spawn per iteration; the system is ended after the iteration, outside the timing.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class AkkaSpawnBenchmarks
{
    private const int Count = 100_000;
    private HotplugCluster.Actors.ActorSystem? _ours;
    private global::Akka.Actor.ActorSystem? _akka;

    [Params(1, 1_000)]
    public int Parents { get; set; }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public void Akka() => _akka = AkkaIdleActors.Spawn(Count, Parents);

    [Benchmark(OperationsPerInvoke = Count)]
    public void Ours() => _ours = IdleActors.Spawn(Count, Parents);

    [IterationCleanup]
    public void EndSystems()
    {
        _ours?.Dispose();
        _ours = null;
        if (_akka is not null)
        {
            AkkaIdleActors.Shutdown(_akka);
            _akka = null;
        }
    }
}
