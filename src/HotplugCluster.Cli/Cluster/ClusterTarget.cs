namespace HotplugCluster.Cli.Cluster;

/// <summary>Where a fleet runs when not in this process: a running cluster's seed nodes, or <see cref="Nodes"/> local members started for it.</summary>
internal sealed record ClusterTarget(IReadOnlyList<string> Seeds, int Nodes, bool Error = false);
