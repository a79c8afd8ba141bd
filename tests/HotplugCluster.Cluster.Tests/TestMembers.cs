using HotplugCluster.Cluster.Configuration;
using HotplugCluster.Cluster.Members;
using HotplugCluster.Hocon;

namespace HotplugCluster.Cluster.Tests;

/// <summary>What the cluster tests start: members on free loopback ports, and one actor system with the in-memory journal.</summary>
internal static class TestMembers
{
    /// <summary>Akka configuration of a TestKit system that runs slice entities on the in-memory journal.</summary>
    public const string InMemory = AkkaConfig.Serialization + """

        akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """;

    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(150);

    /// <summary>A member of model version "test" on a free port, joining <paramref name="seeds"/> (none: a new cluster).</summary>
    public static async Task<ClusterMember> Start(Config root, string[] seeds, string role = AkkaConfig.WorkerRole) =>
        await ClusterMember.StartAsync(new MemberOptions(root, role, "test") { SeedNodes = seeds, Overrides = "akka.remote.dot-netty.tcp.port = 0\n" })
            .WaitAsync(Bounded);

}
