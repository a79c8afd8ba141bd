using System.Diagnostics;

namespace HotplugCluster.Cli.Bench;

/// <summary>Runs the actor benchmarks in a fixed time budget: each figure is the best of a few timed runs after a warm-up.</summary>
internal static class ActorBench
{
    /// <summary>Measures every figure; <paramref name="quick"/> keeps the whole run under about 30 s on two cores.</summary>
    public static ActorBenchResult Run(bool quick, Action<string>? progress = null)
    {
        var scale = quick ? 1 : 5;
        var repeats = quick ? 3 : 7;
        var pairs = Math.Max(2, Environment.ProcessorCount) * 4;

        double det, detBaseline, par, parBaseline;
        progress?.Invoke("deterministic ping-pong");
        using (var pingPong = new DeterministicPingPong())
        {
            det = Best(repeats, () => pingPong.Run(4_000_000L * scale));
        }

        progress?.Invoke("bare-queue baseline");
        var bare = new BareQueuePingPong();
        detBaseline = Best(repeats, () => bare.Run(10_000_000L * scale));
        progress?.Invoke("parallel ping-pong");
        using (var parallel = new ParallelPingPong(pairs))
        {
            par = Best(repeats, () => parallel.Run(500_000L * scale));
        }

        progress?.Invoke("channel baseline");
        var channels = new ChannelPingPong(pairs);
        parBaseline = Best(repeats, () => channels.Run(200_000L * scale));
        progress?.Invoke("1M idle actors");
        var bytes = IdleActors.MeasureBytesPerActor(1_000_000);
        return new ActorBenchResult(det, detBaseline, par, parBaseline, bytes);
    }

    /// <summary>Messages per second of the fastest of <paramref name="repeats"/> runs, after one untimed warm-up run.</summary>
    private static double Best(int repeats, Func<long> run)
    {
        run();
        var best = 0.0;
        for (var i = 0; i < repeats; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            var messages = run();
            best = Math.Max(best, messages / stopwatch.Elapsed.TotalSeconds);
        }

        return best;
    }
}
