using BenchmarkDotNet.Attributes;
using HotplugCluster.Bench.Actors;
using HotplugCluster.Bench.Akka;

namespace HotplugCluster.Benchmarks;

/// <summary>Ping-pong pairs (four per core) with 1 and with 100 balls in flight per pair: our parallel dispatcher against Akka.NET's default dispatcher (the baseline).</summary>
[MemoryDiagnoser]
public class AkkaPingPongBenchmarks : IDisposable
{
    private const int MessagesPerPair = 100_000;
    private static readonly int Pairs = Math.Max(2, Environment.ProcessorCount) * 4;
    private ParallelPingPong? _ours;
    private AkkaPingPong? _akka;

    [Params(1, 100)]
    public int Window { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _ours = new ParallelPingPong(Pairs, Window);
        _akka = new AkkaPingPong(Pairs, Window);
    }

    [Benchmark(Baseline = true)]
    public long Akka() => _akka!.Run(MessagesPerPair);

    [Benchmark]
    public long Parallel() => _ours!.Run(MessagesPerPair);

    [GlobalCleanup]
    public void Dispose()
    {
        _ours?.Dispose();
        _akka?.Dispose();
        GC.SuppressFinalize(this);
    }
}
