using System.Diagnostics;

namespace HotplugCluster.Bench.Actors;

/// <summary>Runs the actor benchmarks in a fixed time budget: each figure is the best of a few timed runs after a warm-up.</summary>
public static class ActorBench
{
    /// <summary>Measures every figure; <paramref name="quick"/> keeps the whole run under about 30 s on two cores.</summary>
    public static ActorBenchResult Run(bool quick, Action<string>? progress = null)
    {
        var scale = quick ? 1 : 5;
        var repeats = quick ? 3 : 7;
        var pairs = Math.Max(2, Environment.ProcessorCount) * 4;

        // Each dispatcher and its baseline are timed alternately, so a neighbour's load on a shared machine hits both alike.
        progress?.Invoke("deterministic ping-pong vs bare-queue baseline");
        double det, detBaseline;
        using (var pingPong = new DeterministicPingPong())
        {
            var bare = new BareQueuePingPong();
            (det, detBaseline) = BestOfPairs(repeats, (pingPong.Run, 4_000_000L * scale), (bare.Run, 10_000_000L * scale));
        }

        progress?.Invoke("parallel ping-pong vs channel baseline");
        double par, parBaseline;
        using (var parallel = new ParallelPingPong(pairs))
        {
            var channels = new ChannelPingPong(pairs);
            (par, parBaseline) = BestOfPairs(repeats, (parallel.Run, 500_000L * scale), (channels.Run, 200_000L * scale));
        }

        progress?.Invoke("1M idle actors");
        var bytes = IdleActors.MeasureBytesPerActor(1_000_000);
        return new ActorBenchResult(det, detBaseline, par, parBaseline, bytes);
    }

    /// <summary>Messages per second of the fastest of <paramref name="repeats"/> runs of each workload, after warming each up.</summary>
    private static (double A, double B) BestOfPairs(int repeats, (Func<long, long> Run, long Size) a, (Func<long, long> Run, long Size) b)
    {
        WarmUp(a.Run, a.Size);
        WarmUp(b.Run, b.Size);
        var best = (A: 0.0, B: 0.0);
        for (var i = 0; i < repeats; i++)
        {
            best = (Math.Max(best.A, Rate(a.Run, a.Size)), Math.Max(best.B, Rate(b.Run, b.Size)));
        }

        return best;
    }

    /// <summary>Many short runs for a third of a second: a few long runs would leave the run loop in its on-stack-replacement
    /// code, because tiered compilation promotes a method only after about 30 calls.</summary>
    private static void WarmUp(Func<long, long> run, long size)
    {
        var stopwatch = Stopwatch.StartNew();
        for (var calls = 0; calls < 50 || stopwatch.Elapsed < TimeSpan.FromMilliseconds(300); calls++)
        {
            run(Math.Max(1_000, size / 200));
        }
    }

    private static double Rate(Func<long, long> run, long size)
    {
        var stopwatch = Stopwatch.StartNew();
        var messages = run(size);
        return messages / stopwatch.Elapsed.TotalSeconds;
    }
}
