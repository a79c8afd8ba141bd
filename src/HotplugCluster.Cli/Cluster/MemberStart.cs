using HotplugCluster.Cluster.Members;

namespace HotplugCluster.Cli.Cluster;

/// <summary>Synchronous start of a member for the command's action (System.CommandLine actions here are synchronous).</summary>
internal static class MemberStart
{
    /// <summary>Starts the member of <paramref name="options"/> and waits until it is up, or throws its <see cref="HotplugCluster.Cluster.ClusterException"/>.</summary>
    public static ClusterMember Start(this MemberOptions options) => ClusterMember.StartAsync(options).GetAwaiter().GetResult();
}
