using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using HotplugCluster.Cli.Cluster;
using HotplugCluster.Cli.Configuration;
using HotplugCluster.Cluster;
using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Hocon;

namespace HotplugCluster.Cli.Commands;

/// <summary>
/// <c>hotplug bench cluster [FLEET] [--hosts N] [--quick] [--json]</c>: a fleet on two local members of one worker each
/// against one process of two workers (same fleet, same run, both warmed first by a fleet of the same size, see
/// <see cref="ClusterBench"/>), the slice protocol's bytes and messages per host, and the recovery time after a member is SIGKILLed.
/// </summary>
internal static class BenchClusterCommand
{
    private const string DefaultFleet = "config/fleets/scale-target.conf";

    public static Command Create()
    {
        var file = new Argument<string>("FLEET") { Description = "The fleet to run (default: the scale target).", DefaultValueFactory = _ => DefaultFleet };
        var hosts = new Option<int?>("--hosts") { Description = "Hosts of the fleet (fleet.sweep.count); default 1000, 600 with --quick (both in 16 slices)." };
        var quick = new Option<bool>("--quick") { Description = "600 hosts (a warmed single process runs them in a few seconds; the cluster's fixed costs per job, submission, shard allocation and journal writes, are a few tenths of one)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var command = new Command("cluster", "Measure a fleet on two cluster members against one process of two workers, bytes on the wire, and recovery after SIGKILL.");
        command.Arguments.Add(file);
        command.Options.Add(hosts);
        command.Options.Add(quick);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var count = parse.GetValue(hosts) ?? (parse.GetValue(quick) ? 600 : 1000);
            var path = parse.GetValue(file)!;
            Config Load(long? seed, int n) =>
                ConfigLoader.Load(path, seed is { } s ? [$"fleet.sweep.count = [{n}]", $"fleet.seed = {s}"] : [$"fleet.sweep.count = [{n}]"], ConfigResolveOptions.Default);
            ClusterBench.Figures f;
            try
            {
                var root = Load(null, count);
                f = ClusterBench.Run(root, FleetConfig.Read(root, path), (seed, n) => Load(seed, n));
            }
            catch (Exception e) when (e is HoconException or ClusterException)
            {
                error.WriteLine($"error: {e.Message}");
                return Dispatch.ExitCodeOf(e);
            }

            output.WriteLine(parse.GetValue(json) ? ToJson(f) : ToText(f));
            return f.Identical ? 0 : Dispatch.Failure;
        });
        return command;
    }

    private static string ToJson(ClusterBench.Figures f)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("hosts", f.Hosts);
            w.WriteNumber("members", 2);
            w.WriteNumber("workers_per_member", 1);
            w.WriteNumber("slices", f.Slices);
            w.WriteNumber("warmup_hosts", f.WarmupHosts);
            w.WriteNumber("warmup_slices", f.WarmupSlices);
            w.WriteNumber("rounds", f.ClusterVsSingle.Runs);
            f.SingleHostsPerSecond.WriteTo(w, "single_process_hosts_per_s", 2);
            f.ClusterHostsPerSecond.WriteTo(w, "cluster_hosts_per_s", 2);
            f.ClusterVsSingle.WriteTo(w, "cluster_vs_single", 3);
            w.WriteNumber("bytes_on_wire_per_host", Math.Round(f.BytesPerHost, 1));
            w.WriteNumber("messages_per_host", Math.Round(f.MessagesPerHost, 3));
            w.WriteNumber("recovery_s", Math.Round(f.RecoverySeconds, 2));
            w.WriteBoolean("identical", f.Identical);
            w.WriteString("gc_gen0size", GcBudget.Current);
            w.WriteBoolean("jit_pgo", GcBudget.Pgo);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }


    private static string ToText(ClusterBench.Figures f) => string.Join(
        Environment.NewLine,
        string.Create(CultureInfo.InvariantCulture, $"{f.Hosts} hosts in {f.Slices} slices; both sides warmed first by {f.WarmupHosts} hosts of another seed (members up and joined, and the cluster's shards allocated by {f.WarmupSlices} warm-up slices, before the timer)"),
        string.Create(CultureInfo.InvariantCulture, $"{f.ClusterVsSingle.Runs} alternated rounds, each a fleet of its own seed; median (min-max)"),
        string.Create(CultureInfo.InvariantCulture, $"one process, 2 workers   {f.SingleHostsPerSecond.Median,8:F1} hosts/s ({f.SingleHostsPerSecond.Min:F1}-{f.SingleHostsPerSecond.Max:F1})"),
        string.Create(CultureInfo.InvariantCulture, $"2 members, 1 worker each {f.ClusterHostsPerSecond.Median,8:F1} hosts/s ({f.ClusterHostsPerSecond.Min:F1}-{f.ClusterHostsPerSecond.Max:F1}; first slice offered to last result)"),
        string.Create(CultureInfo.InvariantCulture, $"cluster vs one process   {f.ClusterVsSingle.Median,8:F2}x ({f.ClusterVsSingle.Min:F2}-{f.ClusterVsSingle.Max:F2}, round by round)"),
        string.Create(CultureInfo.InvariantCulture, $"on the wire {f.BytesPerHost:F0} B and {f.MessagesPerHost:F2} messages per host; recovery after SIGKILL {f.RecoverySeconds:F1} s"),
        f.Identical ? "figures identical both ways" : "FIGURES DIFFER between the cluster and the process");
}
