using System.Diagnostics;
using System.Text.Json;
using HotplugCluster.Cli.Commands;
using HotplugCluster.Cluster.Local;
using HotplugCluster.Cluster.Submitting;
using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Fleet.Runs;
using HotplugCluster.Hocon;

namespace HotplugCluster.Cli.Cluster;

/// <summary>
/// <c>bench cluster</c>'s figures, same fleet, same run: one process with two workers (the baseline) against two local
/// members of one worker each (time from the first slice offered to the last result: joining is not counted), the slice
/// protocol's messages and bytes per host, and recovery: a member SIGKILLed as it starts a slice, until that slice
/// starts again on the other member. Both sides first run a small fleet of another seed, so that neither is measured
/// with its code still being compiled (the members are fresh processes).
/// </summary>
internal static class ClusterBench
{
    private static readonly TimeSpan Bounded = TimeSpan.FromMinutes(5);

    public sealed record Figures(
        long Hosts, double SingleHostsPerSecond, double ClusterHostsPerSecond, double BytesPerHost, double MessagesPerHost,
        double RecoverySeconds, bool Identical, int Slices);

    public static Figures Run(Config root, FleetPlan plan, Func<long, int, Config> other)
    {
        var warm = other(plan.Seed + 2, 8);
        var warmPlan = FleetConfig.Read(warm);
        FleetRunner.Run(warmPlan, new FleetRunOptions { Parallelism = 2 });
        var watch = Stopwatch.StartNew();
        var single = FleetRunner.Run(plan, new FleetRunOptions { Parallelism = 2 });
        var singleSeconds = watch.Elapsed.TotalSeconds;

        var clock = Stopwatch.StartNew();
        using var nodes = LocalNodes.Start(2, NodeLaunchers.Current, ["hotplug.cluster.workers = 1"]);
        nodes.WaitUntilUp(ClusterTarget.StartTimeout);
        ClusterFleet.RunAsync(warm, warmPlan, RunCommand.ModelVersion, nodes.Seeds, 2, null).WaitAsync(Bounded).GetAwaiter().GetResult();
        var (result, stats) = ClusterFleet.RunAsync(root, plan, RunCommand.ModelVersion, nodes.Seeds, 2, null).WaitAsync(Bounded).GetAwaiter().GetResult();
        var identical = JsonSerializer.Serialize(single.Variants.Select(v => v.Hosts)) == JsonSerializer.Serialize(result.Variants.Select(v => v.Hosts));

        // Recovery: another fleet (another seed, so nothing is answered from the journal); kill the member that starts a slice first.
        var again = other(plan.Seed + 1, (int)plan.TotalHosts);
        var killed = new TaskCompletionSource<(int Node, string Slice, TimeSpan At)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var rerun = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        nodes.Line += (node, line) =>
        {
            if (!line.EndsWith(" started", StringComparison.Ordinal))
            {
                return;
            }

            var slice = line[..^" started".Length];
            if (!killed.Task.IsCompleted)
            {
                nodes.Processes[node].Kill();
                killed.TrySetResult((node, slice, clock.Elapsed));
            }
            else if (killed.Task.Result.Node != node && killed.Task.Result.Slice == slice)
            {
                rerun.TrySetResult(clock.Elapsed);
            }
        };
        var second = ClusterFleet.RunAsync(again, FleetConfig.Read(again), RunCommand.ModelVersion, nodes.Seeds, 2, null);
        var recovered = rerun.Task.WaitAsync(Bounded).GetAwaiter().GetResult() - killed.Task.Result.At;
        second.WaitAsync(Bounded).GetAwaiter().GetResult();

        var hosts = single.Hosts;
        return new Figures(
            hosts, hosts / singleSeconds, hosts / stats.Elapsed.TotalSeconds, (double)stats.Bytes / hosts, (double)stats.Messages / hosts,
            recovered.TotalSeconds, identical, stats.Slices);
    }
}
