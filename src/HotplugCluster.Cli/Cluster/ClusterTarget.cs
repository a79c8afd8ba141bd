using System.CommandLine;
using HotplugCluster.Cluster;
using HotplugCluster.Cluster.Local;

namespace HotplugCluster.Cli.Cluster;

/// <summary>
/// Where a fleet or a stress search runs when not in this process (<c>--cluster URI | --nodes N</c>): a running
/// cluster's seed nodes, or <see cref="Nodes"/> local members started for the run and stopped after it.
/// </summary>
internal sealed record ClusterTarget(IReadOnlyList<string> Seeds, int Nodes, bool Error = false)
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
    public static ClusterTarget? Of(string? cluster, int? nodes, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (cluster is null && nodes is null)
        {
            return null;
        }

        if (cluster is not null && nodes is not null)
        {
            error.WriteLine("error: give --cluster URI or --nodes N, not both");
            return new ClusterTarget([], 0, Error: true);
        }

        return cluster is not null
            ? new ClusterTarget(cluster.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), 0)
            : new ClusterTarget([], nodes!.Value);
    }

    /// <summary>
    /// Runs <paramref name="run"/> (given the seed nodes and the worker members to wait for) on this target: the running
    /// cluster, or local members started with <paramref name="sets"/> and stopped afterwards. Throws <see cref="ClusterException"/>
    /// with the reason it cannot, naming a local member that exited.
    /// </summary>
    public T Run<T>(IReadOnlyList<string> sets, Func<IReadOnlyList<string>, int, Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (Nodes == 0)
        {
            return run(Seeds, 1).GetAwaiter().GetResult();
        }

        using var nodes = LocalNodes.Start(Nodes, NodeLaunchers.Current, sets);
        try
        {
            nodes.WaitUntilUp(StartTimeout);
            return run(nodes.Seeds, Nodes).GetAwaiter().GetResult();
        }
        catch (ClusterException e) when (nodes.Exited() is { } exited)
        {
            throw new ClusterException($"{e.Message}; {exited}", e);
        }
    }
}
