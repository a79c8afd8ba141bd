using BenchmarkDotNet.Attributes;
using HotplugCluster.Bench.Actors;

namespace HotplugCluster.Benchmarks;

/// <summary>A coordinator scattering to 1,000 workers and gathering their replies, on the deterministic dispatcher and on a bare queue.</summary>
[MemoryDiagnoser]
public class FanOutFanInBenchmarks : IDisposable
{
    private const int Workers = 1_000;
    private const int Rounds = 100;
    private DeterministicFanOut? _actors;
    private BareQueueFanOut? _baseline;

    [GlobalSetup]
    public void Setup()
    {
        _actors = new DeterministicFanOut(Workers);
        _baseline = new BareQueueFanOut(Workers);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 2 * Workers * Rounds)]
    public long BareQueue() => _baseline!.Run(Rounds);

    [Benchmark(OperationsPerInvoke = 2 * Workers * Rounds)]
    public long Actors() => _actors!.Run(Rounds);

    [GlobalCleanup]
    public void Dispose()
    {
        _actors?.Dispose();
        GC.SuppressFinalize(this);
    }
}
