using BenchmarkDotNet.Running;
using HotplugCluster.Cli.Bench;

namespace HotplugCluster.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project tests/HotplugCluster.Benchmarks -- --filter '*'</c>;
/// <c>-- quick</c> runs the same quick figures as <c>hotplug bench actors --quick</c>.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["quick"])
        {
            Console.WriteLine(ActorBench.Run(quick: true, s => Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {s}")));
            return;
        }

        if (args is ["probe", var part])
        {
            Probe(part);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    private static long Repeat(Func<long, long> run, long n)
    {
        long total = 0;
        for (var i = 0; i < 4; i++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            total += run(n);
            Console.WriteLine($"  run {i}: {sw.Elapsed.TotalMilliseconds} ms");
        }

        return total;
    }

    private static void Probe(string part)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        long n = part switch
        {
            "det" => new DeterministicPingPong().Run(1_000_000),
            "bare" => new BareQueuePingPong().Run(1_000_000),
            "par" => new ParallelPingPong(8).Run(10_000),
            "chan" => new ChannelPingPong(8).Run(10_000),
            "spawn" => IdleActors.Spawn(100_000).StepCount,
            "det3" => Repeat(new DeterministicPingPong().Run, 4_000_000),
            "par3" => Repeat(new ParallelPingPong(8).Run, 500_000),
            "chan3" => Repeat(new ChannelPingPong(8).Run, 200_000),
            "mem" => (long)IdleActors.MeasureBytesPerActor(1_000_000),
            _ => 0,
        };
        Console.WriteLine($"{part}: {n} in {sw.Elapsed.TotalMilliseconds} ms");
    }
}
