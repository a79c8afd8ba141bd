using BenchmarkDotNet.Attributes;
using HotplugCluster.Bench.Actors;
using HotplugCluster.Bench.Akka;

namespace HotplugCluster.Benchmarks;

/// <summary>A coordinator scattering to 1,000 workers and gathering their replies: our deterministic dispatcher against Akka.NET (the baseline).</summary>
[MemoryDiagnoser]
public class AkkaFanOutBenchmarks : IDisposable
{
    private const int Workers = 1_000;
    private const int Rounds = 100;
    private DeterministicFanOut? _ours;
    private AkkaFanOut? _akka;

    [GlobalSetup]
    public void Setup()
    {
        _ours = new DeterministicFanOut(Workers);
        _akka = new AkkaFanOut(Workers);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 2 * Workers * Rounds)]
    public long Akka() => _akka!.Run(Rounds);

    [Benchmark(OperationsPerInvoke = 2 * Workers * Rounds)]
    public long Deterministic() => _ours!.Run(Rounds);

    [GlobalCleanup]
    public void Dispose()
    {
        _ours?.Dispose();
        _akka?.Dispose();
        GC.SuppressFinalize(this);
    }
}
