using HotplugCluster.Hocon;

namespace HotplugCluster.Cluster.Configuration;

/// <summary>
/// The project's own cluster settings (<c>hotplug.cluster</c>): what a member runs and how a submitter cuts and offers
/// work. Akka's settings (remoting, seed nodes, split-brain resolver, sharding, persistence) live under <c>akka</c>.
/// </summary>
public sealed record ClusterSettings(
    string Journal, int Workers, int SliceHosts, int Shards, TimeSpan MemberTimeout, TimeSpan RetryInterval, TimeSpan SeedTimeout, TimeSpan JoinTimeout,
    TimeSpan SqliteBusyTimeout)
{
    /// <summary>The path the settings live under.</summary>
    public const string Path = "hotplug.cluster";

    /// <summary>Reads and validates <c>hotplug.cluster</c> of <paramref name="root"/> (reference.conf as fallback).</summary>
    public static ClusterSettings FromConfig(Config root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var c = root.GetConfig("hotplug.cluster");
        var workers = c.GetInt("workers");
        if (workers < 0)
        {
            throw c.ErrorAt("workers", "must be 0 (one per core) or more");
        }

        var sliceHosts = c.GetInt("slice-hosts");
        if (sliceHosts < 0)
        {
            throw c.ErrorAt("slice-hosts", "must be 0 (chosen from the fleet and the members) or more");
        }

        var shards = c.GetInt("shards");
        if (shards < 1)
        {
            throw c.ErrorAt("shards", "must be at least 1 (a member without a shard runs nothing)");
        }

        var journal = c.GetString("journal");
        if (string.IsNullOrWhiteSpace(journal))
        {
            throw c.ErrorAt("journal", "a connection string is required: \"Data Source=FILE\" (SQLite) or \"Host=...;Database=...\" (PostgreSQL)");
        }

        var seedTimeout = Positive(c, "seed-timeout");
        var joinTimeout = Positive(c, "join-timeout");
        if (joinTimeout < seedTimeout)
        {
            throw c.ErrorAt("join-timeout", "must be at least seed-timeout");
        }

        // Below Microsoft.Data.Sqlite's 30 s command timeout, whose 150 ms retries take over past it: a thread blocked in
        // SQLite's busy handler blocks an Akka dispatcher thread, so the wait stays short.
        var busyTimeout = c.GetDuration("sqlite-busy-timeout");
        if (busyTimeout < TimeSpan.Zero || busyTimeout > TimeSpan.FromSeconds(5))
        {
            throw c.ErrorAt("sqlite-busy-timeout", "must be between 0 (Microsoft.Data.Sqlite's 150 ms retries only) and 5s");
        }

        return new ClusterSettings(
            journal, workers, sliceHosts, shards, Positive(c, "member-timeout"), Positive(c, "retry-interval"), seedTimeout, joinTimeout, busyTimeout);
    }

    /// <summary>Hosts a member runs at once: the setting, or one per core when it is 0.</summary>
    public int EffectiveWorkers => Workers > 0 ? Workers : Environment.ProcessorCount;

    /// <summary>
    /// Hosts per slice for <paramref name="variantHosts"/> hosts per variant (or schedules per range for a stress search of
    /// that many schedules) on <paramref name="workers"/> workers in all: the setting, or about eight slices a worker, at most 64.
    /// </summary>
    public int HostsPerSlice(int variantHosts, int workers) =>
        SliceHosts > 0 ? SliceHosts : Math.Clamp((variantHosts + (8 * workers) - 1) / Math.Max(1, 8 * workers), 1, 64);

    private static TimeSpan Positive(Config c, string path)
    {
        var d = c.GetDuration(path);
        return d > TimeSpan.Zero ? d : throw c.ErrorAt(path, "must be positive");
    }
}
