using BenchmarkDotNet.Attributes;
using HotplugCluster.Bench.Actors;

namespace HotplugCluster.Benchmarks;

/// <summary>Two actors passing one message on the deterministic dispatcher, against a bare queue-and-delegate loop.</summary>
[MemoryDiagnoser]
public class DeterministicPingPongBenchmarks : IDisposable
{
    private const int Messages = 1_000_000;
    private DeterministicPingPong? _actors;
    private BareQueuePingPong? _baseline;

    [GlobalSetup]
    public void Setup()
    {
        _actors = new DeterministicPingPong();
        _baseline = new BareQueuePingPong();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public long BareQueue() => _baseline!.Run(Messages);

    [Benchmark(OperationsPerInvoke = Messages)]
    public long Actors() => _actors!.Run(Messages);

    [GlobalCleanup]
    public void Dispose()
    {
        _actors?.Dispose();
        GC.SuppressFinalize(this);
    }
}
