using System.CommandLine;
using HotplugCluster.Cli.Commands;
using HotplugCluster.Cluster;
using HotplugCluster.Cluster.Local;
using HotplugCluster.Cluster.Submitting;
using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Fleet.Results;
using HotplugCluster.Hocon;

namespace HotplugCluster.Cli.Cluster;

/// <summary>
/// <c>hotplug fleet FLEET --cluster URI</c> (submit to a running cluster) and <c>--nodes N</c> (start N local members,
/// run, stop them): the same result a single process computes, merged from the members' slices.
/// </summary>
internal static class FleetOnCluster
{
    /// <summary>How long local members may take to start (2-5 s measured on an idle 2-core machine, 20 s and more under heavy load).</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The --cluster and --nodes options.</summary>
    public static (Option<string?> Cluster, Option<int?> Nodes) Options()
    {
        var cluster = new Option<string?>("--cluster") { Description = "Run on a running cluster: seed node addresses, comma-separated akka.tcp://hotplug@HOST:PORT." };
        var nodes = new Option<int?>("--nodes") { Description = "Run on N local cluster members (hotplug node processes on free 127.0.0.1 ports), stopped afterwards." };
        nodes.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError("--nodes must be at least 1.");
            }
        });
        return (cluster, nodes);
    }

    /// <summary>The target of the options, null to run in this process; an error target after writing why the options do not go together.</summary>
    public static ClusterTarget? Target(string? cluster, int? nodes, bool fullJournal, TextWriter error)
    {
        if (cluster is null && nodes is null)
        {
            return null;
        }

        if (cluster is not null && nodes is not null)
        {
            error.WriteLine("error: give --cluster URI or --nodes N, not both");
            return new ClusterTarget([], 0, Error: true);
        }

        if (fullJournal)
        {
            error.WriteLine("error: --journal full keeps every kernel event in this process and runs only here; use summary or none with --cluster or --nodes");
            return new ClusterTarget([], 0, Error: true);
        }

        return cluster is not null
            ? new ClusterTarget(cluster.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), 0)
            : new ClusterTarget([], nodes!.Value);
    }

    /// <summary>Runs <paramref name="plan"/> on <paramref name="target"/>; throws <see cref="ClusterException"/> with the reason it cannot.</summary>
    public static FleetResult Run(Config root, FleetPlan plan, IReadOnlyList<string> sets, ClusterTarget target, Action<long, long>? progress)
    {
        if (target.Nodes == 0)
        {
            return ClusterFleet.RunAsync(root, plan, RunCommand.ModelVersion, target.Seeds, 1, progress).GetAwaiter().GetResult().Result;
        }

        using var nodes = LocalNodes.Start(target.Nodes, NodeLaunchers.Current, sets);
        try
        {
            nodes.WaitUntilUp(StartTimeout);
            return ClusterFleet.RunAsync(root, plan, RunCommand.ModelVersion, nodes.Seeds, target.Nodes, progress).GetAwaiter().GetResult().Result;
        }
        catch (ClusterException e) when (nodes.Exited() is { } exited)
        {
            throw new ClusterException($"{e.Message}; {exited}", e);
        }
    }
}
