using System.Diagnostics;
using System.Text.Json;
using HotplugCluster.Bench;
using HotplugCluster.Cli.Commands;
using HotplugCluster.Cluster.Local;
using HotplugCluster.Cluster.Submitting;
using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Fleet.Results;
using HotplugCluster.Fleet.Runs;
using HotplugCluster.Hocon;

namespace HotplugCluster.Cli.Cluster;

/// <summary>
/// <c>bench cluster</c>'s figures, same fleet, same run: one process with two workers (the baseline) against two local
/// members of one worker each, the slice protocol's messages and bytes per host, and recovery: a member SIGKILLed as it
/// starts a slice, until that slice starts again on the other member. Members are long-lived in use, so these are up,
/// joined and warmed before the timer: both sides first run a fleet of the same size and another seed, which also brings
/// their JIT to steady state (a fresh member compiled 3,000-4,500 methods, 2-4 s of CPU, in its first fleet) and, on the
/// cluster, allocates the shards the timed jobs use, as an earlier job leaves them in a long-lived cluster (the output says
/// so: <c>warmup_slices</c>). The cluster's time runs from the first slice offered to the last result: submission,
/// placement, every journal write and result collection are inside it.
/// The two sides are timed in <see cref="Rounds"/> alternated rounds (this machine's speed drifts within seconds: one
/// single run followed by one cluster run measured the drift as often as the cluster), each round on a fleet of its own
/// seed so no slice is answered from the journal, the order swapped every round; the figures are the rounds' median,
/// min and max, and the ratio is taken round by round.
/// </summary>
internal static class ClusterBench
{
    private static readonly TimeSpan Bounded = TimeSpan.FromMinutes(5);

    /// <summary>Hosts of the recovery run: enough slices to still be running when a member dies, few enough to end soon after.</summary>
    private const int RecoveryHosts = 240;

    /// <summary>Alternated rounds of both sides; the first runs the fleet's own seed, and its results are compared.</summary>
    public const int Rounds = 5;

    public sealed record Figures(
        long Hosts, long WarmupHosts, int WarmupSlices, Figure SingleHostsPerSecond, Figure ClusterHostsPerSecond, Figure ClusterVsSingle, double BytesPerHost,
        double MessagesPerHost, double RecoverySeconds, bool Identical, int Slices);

    public static Figures Run(Config root, FleetPlan plan, Func<long, int, Config> other)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(other);
        var hosts = (int)plan.TotalHosts;
        using var nodes = LocalNodes.Start(2, NodeLaunchers.Current, ["hotplug.cluster.workers = 1"]);
        nodes.WaitUntilUp(ClusterTarget.StartTimeout);

        var warm = other(plan.Seed + 2, hosts);
        var warmPlan = FleetConfig.Read(warm);
        FleetRunner.Run(warmPlan, new FleetRunOptions { Parallelism = 2 });
        var (_, warmed) = Submit(warm, warmPlan, nodes);

        var single = new List<double>();
        var cluster = new List<double>();
        var ratio = new List<double>();
        var identical = true;
        SubmitStats? first = null;
        for (var round = 0; round < Rounds; round++)
        {
            var roundPlan = round == 0 ? plan : FleetConfig.Read(other(plan.Seed + 10 + round, hosts));
            var roundRoot = round == 0 ? root : other(plan.Seed + 10 + round, hosts);
            FleetResult? alone = null;
            double aloneSeconds = 0;
            void RunSingle()
            {
                var watch = Stopwatch.StartNew();
                alone = FleetRunner.Run(roundPlan, new FleetRunOptions { Parallelism = 2 });
                aloneSeconds = watch.Elapsed.TotalSeconds;
            }

            if (round % 2 == 0)
            {
                RunSingle();
            }

            var (result, stats) = Submit(roundRoot, roundPlan, nodes);
            if (round % 2 == 1)
            {
                RunSingle();
            }

            first ??= stats;
            identical &= JsonSerializer.Serialize(alone!.Variants.Select(v => v.Hosts)) == JsonSerializer.Serialize(result.Variants.Select(v => v.Hosts));
            single.Add(hosts / aloneSeconds);
            cluster.Add(hosts / stats.Elapsed.TotalSeconds);
            ratio.Add(aloneSeconds / stats.Elapsed.TotalSeconds);
        }

        var recovered = Recovery(nodes, other(plan.Seed + 1, Math.Min(hosts, RecoveryHosts)));
        return new Figures(
            hosts, hosts, warmed.Slices, Figure.Of(single), Figure.Of(cluster), Figure.Of(ratio), (double)first!.Bytes / hosts, (double)first.Messages / hosts,
            recovered.TotalSeconds, identical, first.Slices);
    }

    private static (FleetResult Result, SubmitStats Stats) Submit(Config root, FleetPlan plan, LocalNodes nodes) =>
        ClusterFleet.RunAsync(root, plan, RunCommand.ModelVersion, nodes.Seeds, 2, null).WaitAsync(Bounded).GetAwaiter().GetResult();

    // Another fleet (another seed, so nothing is answered from the journal); the member that starts a slice first is killed.
    private static TimeSpan Recovery(LocalNodes nodes, Config fleet)
    {
        var clock = Stopwatch.StartNew();
        var killed = new TaskCompletionSource<(int Node, string Slice, TimeSpan At)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var rerun = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        nodes.Line += (node, line) =>
        {
            if (!line.EndsWith(" started", StringComparison.Ordinal))
            {
                return;
            }

            // Each member's lines come on a reader thread of its own, and both members start a slice at the same moment:
            // the one whose line sets the result is killed, the other never. (Checking killed.Task first and setting it
            // after killed both when their first slices started together: nothing was left to run the slice again, and
            // the bench waited out its 5 minutes.)
            var slice = line[..^" started".Length];
            if (killed.TrySetResult((node, slice, clock.Elapsed)))
            {
                nodes.Processes[node].Kill();
            }
            else if (killed.Task.Result.Node != node && killed.Task.Result.Slice == slice)
            {
                rerun.TrySetResult(clock.Elapsed);
            }
        };
        var second = ClusterFleet.RunAsync(fleet, FleetConfig.Read(fleet), RunCommand.ModelVersion, nodes.Seeds, 2, null);
        var recovered = rerun.Task.WaitAsync(Bounded).GetAwaiter().GetResult() - killed.Task.Result.At;
        second.WaitAsync(Bounded).GetAwaiter().GetResult();
        return recovered;
    }
}
