using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using HotplugCluster.Cli.Cluster;
using HotplugCluster.Cluster.Local;
using Xunit;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary><c>hotplug node</c> processes and <c>fleet --cluster</c>: a member killed mid-run changes nothing in the result files.</summary>
public sealed class ClusterCommandTests : IDisposable
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(150);
    private readonly string _dir = Directory.CreateTempSubdirectory("hotplug-cluster-cli-").FullName;

    [Fact]
    public async Task Fleet_on_three_node_processes_writes_the_single_process_files_when_the_coordinators_member_is_killed_mid_run()
    {
        var firstDone = new TaskCompletionSource();
        using var nodes = LocalNodes.Start(3, NodeLaunchers.Current, []);
        nodes.Line += (node, line) =>
        {
            if (line.EndsWith(" done", StringComparison.Ordinal))
            {
                firstDone.TrySetResult();
            }
        };
        nodes.WaitUntilUp(Bounded);

        var seeds = string.Join(',', nodes.Seeds);
        var cluster = Task.Run(() => CliRunner.Run("fleet", "ROOT/config/fleets/smoke.conf", "--cluster", seeds, "--out", Path.Combine(_dir, "cluster"), "--set", "hotplug.cluster.slice-hosts = 1"));

        // Mid-run, once a slice is done: SIGKILL the oldest member, which holds the shard coordinator and slices of its
        // own; the coordinator moves, recovers from the journal, and the slices run again elsewhere.
        await firstDone.Task.WaitAsync(Bounded);
        nodes.Processes[0].Kill();
        var (code, output) = await cluster.WaitAsync(Bounded);
        Assert.True(code == 0, output);

        var (single, singleOutput) = CliRunner.Run("fleet", "ROOT/config/fleets/smoke.conf", "--out", Path.Combine(_dir, "single"));
        Assert.True(single == 0, singleOutput);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "single", "results.csv")), File.ReadAllBytes(Path.Combine(_dir, "cluster", "results.csv")));
        Assert.Equal(Figures(Path.Combine(_dir, "single", "results.json")), Figures(Path.Combine(_dir, "cluster", "results.json")));
    }

    [Fact]
    public void Node_refuses_a_port_in_use_naming_it()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var (code, output) = CliRunner.Run("node", "--port", $"{port}");
            Assert.Equal(2, code);
            Assert.Equal($"error: port {port} on 127.0.0.1 is in use: choose another --port (or 0 for any free port)\n", output);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void Fleet_on_unreachable_seeds_fails_naming_the_address()
    {
        var (code, output) = CliRunner.Run(
            "fleet", "ROOT/config/fleets/smoke.conf", "--cluster", "akka.tcp://hotplug@127.0.0.1:9",
            "--set", "akka.cluster.shutdown-after-unsuccessful-join-seed-nodes = 3s");
        Assert.Equal(1, code);
        Assert.StartsWith("error: no seed node answered within 3s: akka.tcp://hotplug@127.0.0.1:9 ", output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder; a member may still be letting go of a file.
        }
    }

    /// <summary>results.json without what is measured on this machine or depends on where it ran (time, rates, memory, GC and JIT, workers).</summary>
    private static string Figures(string path)
    {
        var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        foreach (var key in new[] { "elapsed_s", "hosts_per_s", "blocks_per_s", "bytes_per_block", "peak_rss_bytes", "gc_gen0size", "gc_loh_threshold", "jit_pgo", "workers" })
        {
            node.Remove(key);
        }

        return node.ToJsonString();
    }
}
