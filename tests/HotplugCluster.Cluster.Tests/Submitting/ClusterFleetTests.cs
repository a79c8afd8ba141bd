using System.Text.Json;
using HotplugCluster.Cluster.Configuration;
using HotplugCluster.Cluster.Members;
using HotplugCluster.Cluster.Submitting;
using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Fleet.Results;
using HotplugCluster.Fleet.Runs;
using HotplugCluster.Hocon;
using Npgsql;

namespace HotplugCluster.Cluster.Tests.Submitting;

/// <summary>Clusters of several actor systems in this process, on loopback ports, sharing one SQLite file.</summary>
public sealed class ClusterFleetTests : IDisposable
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(150);
    private readonly string _folder = Directory.CreateTempSubdirectory("hotplug-cluster-test-").FullName;

    [Fact]
    public async Task A_fleet_on_three_members_gives_the_single_process_hosts_when_the_coordinators_member_leaves_mid_run()
    {
        var root = Config();
        var plan = FleetConfig.Read(root);
        var first = await TestMembers.Start(root, []);
        var seeds = new[] { first.Address.ToString() };
        var others = new[] { await TestMembers.Start(root, seeds), await TestMembers.Start(root, seeds) };

        // The submitter offers slices to the workers' regions at this path (it runs no sharding proxy of its own).
        Assert.All(others, m => Assert.Equal(ClusterMember.SliceRegionPath, m.Region.Path.ToStringWithoutAddress()));
        var done = 0;
        var leave = new TaskCompletionSource();
        var run = ClusterFleet.RunAsync(root, plan, "test", seeds, 3, (hosts, _) =>
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
            {
                leave.TrySetResult();
            }
        });

        // The oldest member hosts the shard coordinator: it leaves after the first slice, and the rest must carry on.
        await leave.Task.WaitAsync(Bounded);
        await first.DisposeAsync();
        var (result, stats) = await run.WaitAsync(Bounded);
        foreach (var m in others)
        {
            await m.DisposeAsync();
        }

        Assert.Equal(Hosts(FleetRunner.Run(plan, new FleetRunOptions { Parallelism = 1 })), Hosts(result));
        Assert.Equal(FleetSlices.Cut(plan, 1).Length, stats.Slices);
    }

    [PostgresFact]
    public async Task A_fleet_on_two_members_sharing_PostgreSQL_gives_the_single_process_hosts()
    {
        var server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable));
        var database = $"hotplug_cluster_{Environment.ProcessId}";
        Execute(server.ConnectionString, $"DROP DATABASE IF EXISTS {database}", $"CREATE DATABASE {database}");
        try
        {
            var journal = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database, Pooling = false }.ConnectionString;
            var root = Repo.Load("config/fleets/smoke.conf", $"hotplug.cluster.journal = {AkkaConfig.Quote(journal)}", "hotplug.cluster.slice-hosts = 2");
            var plan = FleetConfig.Read(root);
            var first = await TestMembers.Start(root, []);
            var second = await TestMembers.Start(root, [first.Address.ToString()]);
            var (result, _) = await ClusterFleet.RunAsync(root, plan, "test", [first.Address.ToString()], 2, null).WaitAsync(Bounded);
            await second.DisposeAsync();
            await first.DisposeAsync();
            Assert.Equal(Hosts(FleetRunner.Run(plan, new FleetRunOptions { Parallelism = 1 })), Hosts(result));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Execute(server.ConnectionString, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    [Fact]
    public async Task A_submitter_fails_naming_the_reason_when_no_member_can_run_hosts()
    {
        var root = Config("hotplug.cluster.member-timeout = 3s");
        var plan = FleetConfig.Read(root);
        var submitterOnly = await TestMembers.Start(root, [], AkkaConfig.SubmitterRole);
        try
        {
            var error = await Assert.ThrowsAsync<ClusterException>(() =>
                ClusterFleet.RunAsync(root, plan, "test", [submitterOnly.Address.ToString()], 1, null).WaitAsync(Bounded));
            Assert.StartsWith("no member of the cluster can run hosts (none with role worker is up after 3s)", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await submitterOnly.DisposeAsync();
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; the folder is a temporary one.
        }
    }

    private Config Config(params string[] extra) => Repo.Load(
        "config/fleets/smoke.conf",
        [$"hotplug.cluster.journal = \"Data Source={Path.Combine(_folder, "cluster.db")}\"", "hotplug.cluster.slice-hosts = 1", .. extra]);


    private static void Execute(string connectionString, params string[] statements)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        foreach (var sql in statements)
        {
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }
    }

    private static string Hosts(FleetResult result) => JsonSerializer.Serialize(result.Variants.Select(v => v.Hosts));
}
