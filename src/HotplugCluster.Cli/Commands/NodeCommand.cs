using System.CommandLine;
using HotplugCluster.Cli.Cluster;
using HotplugCluster.Cli.Configuration;
using HotplugCluster.Cluster;
using HotplugCluster.Cluster.Configuration;
using HotplugCluster.Cluster.Local;
using HotplugCluster.Cluster.Members;
using HotplugCluster.Hocon;

namespace HotplugCluster.Cli.Commands;

/// <summary>
/// <c>hotplug node [--hostname H] [--port P] [--seed-nodes URI,...] [--journal CONN] [--set ...]</c>: runs a cluster
/// member that runs fleet slices until SIGINT or SIGTERM, which leave the cluster gracefully (coordinated shutdown hands
/// its slices on). Prints one line naming its address when it is up.
/// </summary>
internal static class NodeCommand
{
    public static Command Create()
    {
        var hostname = new Option<string?>("--hostname") { Description = "Address to bind and be reached at (akka.remote.dot-netty.tcp.hostname, default 127.0.0.1)." };
        var port = new Option<int?>("--port") { Description = "Port to bind (akka.remote.dot-netty.tcp.port, default 4053; 0 = any free port)." };
        var seeds = new Option<string?>("--seed-nodes") { Description = "Seed nodes, comma-separated akka.tcp://hotplug@HOST:PORT; none: this member starts a new cluster." };
        var journal = new Option<string?>("--journal") { Description = "The cluster's store: \"Data Source=FILE\" (SQLite) or \"Host=...;Database=...\" (PostgreSQL); default hotplug.cluster.journal." };
        var set = new Option<string[]>("--set") { Description = "Override a setting, as HOCON (repeatable); akka.* settings too." };
        var watchStdin = new Option<bool>("--watch-stdin") { Description = "Leave the cluster when standard input closes (for a parent process that starts members).", Hidden = true };
        var command = new Command("node", "Run a cluster member that runs fleet slices, until SIGINT or SIGTERM.");
        foreach (var o in new Option[] { hostname, port, seeds, journal, set, watchStdin })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var sets = (parse.GetValue(set) ?? []).ToList();
            if (parse.GetValue(journal) is { } conn)
            {
                sets.Add($"hotplug.cluster.journal = {AkkaConfig.Quote(conn)}");
            }

            var overrides = "";
            if (parse.GetValue(hostname) is { } h)
            {
                overrides += $"akka.remote.dot-netty.tcp.hostname = {AkkaConfig.Quote(h)}\n";
            }

            if (parse.GetValue(port) is { } p)
            {
                overrides += $"akka.remote.dot-netty.tcp.port = {p}\n";
            }

            ClusterMember member;
            try
            {
                var root = ConfigLoader.Load(null, sets, ConfigResolveOptions.Default);
                var seedNodes = parse.GetValue(seeds) is { } s ? s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
                member = new MemberOptions(root, AkkaConfig.WorkerRole, RunCommand.ModelVersion) { SeedNodes = seedNodes, Overrides = overrides, Report = line => Say(output, line) }
                    .Start();
            }
            catch (Exception e) when (e is HoconException or ClusterException)
            {
                error.WriteLine($"error: {e.Message}");
                return 2;
            }

            Say(output, $"{LocalNodes.UpLine}{member.Address} (model {RunCommand.ModelVersion}, {member.Settings.EffectiveWorkers} workers, journal {member.Journal}, gen0size {GcBudget.Current}, pgo {(GcBudget.Pgo ? "on" : "off")})");
            NodeLifetime.RunUntilStopped(member, parse.GetValue(watchStdin));
            return 0;
        });
        return command;
    }

    /// <summary>One line, flushed at once (a parent reading the pipe sees it when it happens), from any thread.</summary>
    private static void Say(TextWriter output, string line)
    {
        lock (output)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
