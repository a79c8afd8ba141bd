using System.Diagnostics;
using HotplugCluster.Bench.Akka;

namespace HotplugCluster.Bench.Actors;

/// <summary>
/// Runs the actor benchmarks: our dispatchers, their bare baselines and Akka.NET on the same shapes, in one process. Every
/// figure is the median of several timed runs after a warm-up, with its min and max.
/// </summary>
public static class ActorBench
{
    /// <summary>Coordinator's workers in the fan-out shape.</summary>
    public const int FanOutWorkers = 1_000;

    /// <summary>Parents in the second spawn shape.</summary>
    public const int SpawnParents = 1_000;

    /// <summary>Balls in flight per pair in the windowed ping-pong shape.</summary>
    public const int Window = 100;

    /// <summary>The deterministic ping-pong's rate over its bare-queue baseline's, run by run.</summary>
    public const string DetRatioKey = "det_to_baseline_ratio";

    public static ActorBenchResult Run(ActorBenchSizes sizes, Action<string>? progress = null)
    {
        var scale = sizes.Scale;
        var runs = sizes.Runs;
        var pairs = Math.Max(2, Environment.ProcessorCount) * 4;
        var figures = new SortedDictionary<string, Figure>(StringComparer.Ordinal);
        long Size(long full) => Math.Max(10, (long)(full * scale));

        // Workloads compared with each other are timed alternately, so a neighbour's load on a shared machine hits all alike.
        progress?.Invoke("deterministic ping-pong vs bare-queue baseline");
        using (var pingPong = new DeterministicPingPong())
        {
            var bare = new BareQueuePingPong();
            var pingPongRates = Alternate(figures, runs, ("det_msgs_per_s", pingPong.Run, Size(4_000_000)), ("det_baseline_msgs_per_s", bare.Run, Size(10_000_000)));

            // Each run's ratio to the baseline run timed right after it: the machine's state (on a shared VM it changes every few
            // seconds and moves the dispatcher's figure more than the bare queue's) is then the same on both sides of a ratio.
            figures[DetRatioKey] = Figure.Of(pingPongRates[0].Zip(pingPongRates[1], (det, baseline) => det / baseline).ToList());
        }

        progress?.Invoke("ping-pong, 1 in flight: parallel dispatcher vs channel baseline vs Akka.NET");
        using (var parallel = new ParallelPingPong(pairs))
        using (var akka = new AkkaPingPong(pairs))
        {
            var channels = new ChannelPingPong(pairs);
            Alternate(
                figures,
                runs,
                ("par_msgs_per_s", parallel.Run, Size(500_000)),
                ("par_baseline_msgs_per_s", channels.Run, Size(200_000)),
                ("akka_msgs_per_s", akka.Run, Size(500_000)));
        }

        progress?.Invoke($"ping-pong, {Window} in flight: parallel dispatcher vs Akka.NET");
        using (var parallel = new ParallelPingPong(pairs, Window))
        using (var akka = new AkkaPingPong(pairs, Window))
        {
            Alternate(figures, runs, ("par_window_msgs_per_s", parallel.Run, Size(2_000_000)), ("akka_window_msgs_per_s", akka.Run, Size(2_000_000)));
        }

        progress?.Invoke($"fan-out to {FanOutWorkers} workers: deterministic dispatcher vs bare queue vs Akka.NET");
        using (var fanOut = new DeterministicFanOut(FanOutWorkers))
        using (var akka = new AkkaFanOut(FanOutWorkers))
        {
            var bare = new BareQueueFanOut(FanOutWorkers);
            Alternate(
                figures,
                runs,
                ("det_fanout_msgs_per_s", fanOut.Run, Size(1_000)),
                ("det_fanout_baseline_msgs_per_s", bare.Run, Size(2_000)),
                ("akka_fanout_msgs_per_s", akka.Run, Size(400)));
        }

        progress?.Invoke($"spawning {sizes.SpawnCount:N0} idle actors under 1 and under {SpawnParents} parents, ours and Akka.NET");
        var count = sizes.SpawnCount;
        var spawns = new (string Rate, string Bytes, Func<int, (double, double)> Run)[]
        {
            ("spawn_per_s", "bytes_per_idle_actor", n => SpawnMeasure.Run(n, () => IdleActors.Spawn(n, 1), s => s.Dispose())),
            ("akka_spawn_per_s", "akka_bytes_per_idle_actor", n => SpawnMeasure.Run(n, () => AkkaIdleActors.Spawn(n, 1), AkkaIdleActors.Shutdown)),
            ("spawn_1000_parents_per_s", "bytes_per_idle_actor_1000_parents", n => SpawnMeasure.Run(n, () => IdleActors.Spawn(n, SpawnParents), s => s.Dispose())),
            ("akka_spawn_1000_parents_per_s", "akka_bytes_per_idle_actor_1000_parents", n => SpawnMeasure.Run(n, () => AkkaIdleActors.Spawn(n, SpawnParents), AkkaIdleActors.Shutdown)),
        };
        var rates = spawns.Select(_ => new List<double>()).ToArray();
        var bytes = spawns.Select(_ => new List<double>()).ToArray();
        foreach (var spawn in spawns)
        {
            spawn.Run(Math.Min(count, 20_000)); // warm-up on a smaller spawn
        }

        for (var i = 0; i < runs; i++)
        {
            for (var s = 0; s < spawns.Length; s++)
            {
                var (rate, perActor) = spawns[s].Run(count);
                rates[s].Add(rate);
                bytes[s].Add(perActor);
            }
        }

        for (var s = 0; s < spawns.Length; s++)
        {
            figures[spawns[s].Rate] = Figure.Of(rates[s]);
            figures[spawns[s].Bytes] = Figure.Of(bytes[s]);
        }

        return new ActorBenchResult(figures, runs, pairs, count);
    }

    /// <summary>Warms every workload up, then times them in turn <paramref name="runs"/> times and records each figure in messages
    /// per second; returns each workload's rates in run order.</summary>
    private static List<double>[] Alternate(SortedDictionary<string, Figure> figures, int runs, params (string Key, Func<long, long> Run, long Size)[] workloads)
    {
        foreach (var workload in workloads)
        {
            WarmUp(workload.Run, workload.Size);
        }

        var rates = workloads.Select(_ => new List<double>(runs)).ToArray();
        for (var i = 0; i < runs; i++)
        {
            for (var w = 0; w < workloads.Length; w++)
            {
                rates[w].Add(Rate(workloads[w].Run, workloads[w].Size));
            }
        }

        for (var w = 0; w < workloads.Length; w++)
        {
            figures[workloads[w].Key] = Figure.Of(rates[w]);
        }

        return rates;
    }

    /// <summary>Many short runs for a third of a second: a few long runs would leave the run loop in its on-stack-replacement
    /// code, because tiered compilation promotes a method only after about 30 calls.</summary>
    private static void WarmUp(Func<long, long> run, long size)
    {
        var stopwatch = Stopwatch.StartNew();
        for (var calls = 0; calls < 50 || stopwatch.Elapsed < TimeSpan.FromMilliseconds(300); calls++)
        {
            run(Math.Max(10, size / 200));
        }
    }

    private static double Rate(Func<long, long> run, long size)
    {
        var stopwatch = Stopwatch.StartNew();
        var messages = run(size);
        return messages / stopwatch.Elapsed.TotalSeconds;
    }
}
