using BenchmarkDotNet.Attributes;
using HotplugCluster.Bench.Actors;

namespace HotplugCluster.Benchmarks;

/// <summary>Ping-pong pairs (four per core) on the parallel dispatcher, against pairs of thread-pool loops over channels.</summary>
[MemoryDiagnoser]
public class ParallelPingPongBenchmarks : IDisposable
{
    private const int MessagesPerPair = 100_000;
    private static readonly int Pairs = Math.Max(2, Environment.ProcessorCount) * 4;
    private ParallelPingPong? _actors;
    private ChannelPingPong? _baseline;

    [GlobalSetup]
    public void Setup()
    {
        _actors = new ParallelPingPong(Pairs);
        _baseline = new ChannelPingPong(Pairs);
    }

    [Benchmark(Baseline = true)]
    public long Channels() => _baseline!.Run(MessagesPerPair);

    [Benchmark]
    public long Actors() => _actors!.Run(MessagesPerPair);

    [GlobalCleanup]
    public void Dispose()
    {
        _actors?.Dispose();
        GC.SuppressFinalize(this);
    }
}
