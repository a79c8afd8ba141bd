using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.Persistence.Sql;
using HotplugCluster.Hocon;
using AkkaConfiguration = Akka.Configuration.Config;
using AkkaConfigurationFactory = Akka.Configuration.ConfigurationFactory;

namespace HotplugCluster.Cluster.Configuration;

/// <summary>
/// Akka's configuration from ours: the <c>akka { ... }</c> section of the project's HOCON (reference.conf documents
/// every Akka setting the project relies on) rendered by our renderer and parsed by Akka's, under what one member needs
/// of its own (role, journal connection, the slice serializer) and over Akka.Persistence.Sql's and sharding's defaults.
/// </summary>
public static class AkkaConfig
{
    /// <summary>The role of members that run hosts; sharding places slices only on them.</summary>
    public const string WorkerRole = "worker";

    /// <summary>The role of a process that submits work and runs none.</summary>
    public const string SubmitterRole = "submitter";

    /// <summary>The actor system's name: every member of one cluster uses it.</summary>
    public const string SystemName = "hotplug";

    /// <summary>The binding of the slice protocol to <see cref="Slices.SliceSerializer"/>, which every member needs.</summary>
    internal const string Serialization = """
        akka.actor {
          serializers.hotplug-slices = "HotplugCluster.Cluster.Slices.SliceSerializer, HotplugCluster.Cluster"
          serialization-bindings { "HotplugCluster.Cluster.Slices.ISliceMessage, HotplugCluster.Cluster" = hotplug-slices }
          serialization-identifiers { "HotplugCluster.Cluster.Slices.SliceSerializer, HotplugCluster.Cluster" = 1717 }
        }
        """;

    /// <summary>
    /// The configuration of a member with <paramref name="role"/>: <paramref name="root"/>'s akka section, with
    /// <paramref name="overrides"/> (Akka HOCON, e.g. a port) on top and the journal of <paramref name="journal"/>.
    /// </summary>
    public static AkkaConfiguration Build(Config root, string role, JournalConnection journal, string overrides = "")
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(journal);
        var ours = root.HasPath("akka") ? "akka {\n" + root.GetConfig("akka").ToHocon() + "}\n" : "";
        var member = $$"""
            akka.cluster.roles = [{{Quote(role)}}]
            akka.persistence.journal.sql { connection-string = {{Quote(journal.ConnectionString)}}, provider-name = {{Quote(journal.ProviderName)}} }
            akka.persistence.snapshot-store.sql { connection-string = {{Quote(journal.ConnectionString)}}, provider-name = {{Quote(journal.ProviderName)}} }
            """;
        return AkkaConfigurationFactory.ParseString(overrides)
            .WithFallback(AkkaConfigurationFactory.ParseString(member))
            .WithFallback(AkkaConfigurationFactory.ParseString(ours))
            .WithFallback(AkkaConfigurationFactory.ParseString(Serialization))
            .WithFallback(SqlPersistence.DefaultConfiguration)
            .WithFallback(ClusterSharding.DefaultConfig())
            .WithFallback(ClusterSingleton.DefaultConfig());
    }

    /// <summary>Akka HOCON that sets the remoting address: <paramref name="hostname"/> and <paramref name="port"/> (0 = any free port).</summary>
    public static string Address(string hostname, int port) =>
        $"akka.remote.dot-netty.tcp {{ hostname = {Quote(hostname)}, port = {port} }}\n";

    /// <summary>Akka HOCON that sets the seed nodes.</summary>
    public static string Seeds(IEnumerable<string> seeds) =>
        $"akka.cluster.seed-nodes = [{string.Join(", ", seeds.Select(Quote))}]\n";

    /// <summary>A HOCON quoted string.</summary>
    public static string Quote(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }
}
