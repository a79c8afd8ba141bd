using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HotplugCluster.Cli.Cluster;
using HotplugCluster.Cluster.Local;
using Xunit;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary><c>hotplug node</c> processes, <c>fleet --cluster</c> and <c>stress --cluster | --nodes</c>: a member killed mid-run changes nothing in the output and files.</summary>
public sealed partial class ClusterCommandTests : IDisposable
{
    // PCT d=3, run seed 0 first fails in schedule 30 with this switch (docs/exploration.md, shipped scenarios).
    private const string Rollback = "ROOT/config/scenarios/stress/add-failure-rollback-6.1.conf";
    private const string RollbackBug = "host.kernel.bugs = [ add-memory-resource-error-path-without-altmap ]";
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
    public async Task Stress_on_three_node_processes_prints_and_saves_the_single_process_violation_when_a_member_is_killed_mid_run()
    {
        var killed = new TaskCompletionSource<int>();
        using var nodes = LocalNodes.Start(3, NodeLaunchers.Current, []);
        nodes.Line += (node, line) =>
        {
            // SIGKILL the member that starts the first schedule range: its ranges run again on the others.
            if (line.EndsWith(" started", StringComparison.Ordinal) && killed.TrySetResult(node))
            {
                nodes.Processes[node].Kill();
            }
        };
        nodes.WaitUntilUp(Bounded);

        var trace = Path.Combine(_dir, "violation.trace.json");
        string[] search = ["stress", Rollback, "--schedules", "60", "--set", RollbackBug, "--json", "--trace-out", trace];
        var (code, output) = await Task.Run(() => CliRunner.Run([.. search, "--cluster", string.Join(',', nodes.Seeds)])).WaitAsync(Bounded);
        Assert.True(code == 1, output);
        Assert.True(nodes.Processes[await killed.Task.WaitAsync(Bounded)].HasExited);
        var clusterTrace = File.ReadAllBytes(trace);

        var (singleCode, singleOutput) = CliRunner.Run(search);
        Assert.Equal(1, singleCode);
        Assert.Equal(Unmeasured(singleOutput), Unmeasured(output));
        Assert.Equal(File.ReadAllBytes(trace), clusterTrace);
        Assert.Equal(30, (int)JsonNode.Parse(output)!["violation"]!["schedule"]!);
    }

    [Fact]
    public void Stress_on_two_local_nodes_prints_the_single_process_text_when_no_schedule_violates()
    {
        string[] search = ["stress", "ROOT/config/scenarios/stress/online-offline-cycles.conf", "--schedules", "16"];
        var (code, output) = CliRunner.Run([.. search, "--nodes", "2"]);
        Assert.True(code == 0, output);
        var (singleCode, singleOutput) = CliRunner.Run(search);
        Assert.Equal(0, singleCode);
        Assert.Equal(Timeless().Replace(singleOutput, ""), Timeless().Replace(output, ""));
        Assert.Contains("16 schedules\nno violation found\n", Timeless().Replace(output, ""), StringComparison.Ordinal);
    }

    [Fact]
    public void Fleet_is_refused_naming_both_configurations_when_a_node_process_runs_other_settings()
    {
        using var nodes = LocalNodes.Start(1, NodeLaunchers.Current, ["hotplug.actors.throughput = 31"]);
        nodes.WaitUntilUp(Bounded);
        var (code, output) = CliRunner.Run("fleet", "ROOT/config/fleets/smoke.conf", "--cluster", nodes.Seeds[0]);
        Assert.Equal(1, code);
        var refusal = Refusal().Match(output);
        Assert.True(refusal.Success, output);
        Assert.Equal(nodes.Seeds[0], refusal.Groups["member"].Value);
        Assert.NotEqual(refusal.Groups["theirs"].Value, refusal.Groups["ours"].Value);
    }

    [Fact]
    public async Task A_fleet_resubmitted_after_its_submitter_was_killed_runs_nothing_twice_and_writes_the_single_process_files()
    {
        using var nodes = LocalNodes.Start(2, NodeLaunchers.Current, []);
        var started = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var firstDone = new TaskCompletionSource();
        nodes.Line += (_, line) =>
        {
            if (line.EndsWith(" started", StringComparison.Ordinal))
            {
                started.Enqueue(line);
            }
            else if (line.EndsWith(" done", StringComparison.Ordinal))
            {
                firstDone.TrySetResult();
            }
        };
        nodes.WaitUntilUp(Bounded);
        string[] fleet = ["fleet", Path.Combine(CliRunner.RepoRoot, "config", "fleets", "smoke.conf"), "--cluster", string.Join(',', nodes.Seeds), "--set", "hotplug.cluster.slice-hosts = 1"];

        // The submitter as a process of its own, SIGKILLed once a slice is done: the members go on with the slices
        // they were given and record them; the same fleet submitted again is answered from those records, waits for
        // the slices still running, and runs only the ones never given.
        var launcher = NodeLaunchers.Current;
        var info = new System.Diagnostics.ProcessStartInfo(launcher.FileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in launcher.Arguments.Concat(fleet).Append("--json"))
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["HOTPLUG_GC_RELAUNCH"] = "0";
        using (var submitter = System.Diagnostics.Process.Start(info)!)
        {
            try
            {
                await firstDone.Task.WaitAsync(Bounded);
                submitter.Kill();
                await submitter.WaitForExitAsync().WaitAsync(Bounded);
            }
            finally
            {
                // Also when no slice finished in time: the submitter must not outlive the test.
                if (!submitter.HasExited)
                {
                    submitter.Kill(entireProcessTree: true);
                }
            }
        }

        var (code, output) = await Task.Run(() => CliRunner.Run([.. fleet, "--out", Path.Combine(_dir, "resubmitted")])).WaitAsync(Bounded);
        Assert.True(code == 0, output);

        // Ten slices of one host, each started once over both submissions.
        Assert.Equal(10, started.Count);
        Assert.Equal(10, started.Distinct().Count());
        var (single, singleOutput) = CliRunner.Run("fleet", "ROOT/config/fleets/smoke.conf", "--out", Path.Combine(_dir, "single"));
        Assert.True(single == 0, singleOutput);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_dir, "single", "results.csv")), File.ReadAllBytes(Path.Combine(_dir, "resubmitted", "results.csv")));
        Assert.Equal(Figures(Path.Combine(_dir, "single", "results.json")), Figures(Path.Combine(_dir, "resubmitted", "results.json")));
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
            "--set", "hotplug.cluster.seed-timeout = 3s");
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

    /// <summary>A stress search's JSON without what is measured on this machine (time, rate, GC and JIT settings).</summary>
    private static string Unmeasured(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        foreach (var key in new[] { "elapsed_s", "schedules_per_s", "gc_gen0size", "gc_loh_threshold", "jit_pgo" })
        {
            node.Remove(key);
        }

        return node.ToJsonString();
    }

    /// <summary>The measured part of a stress search's header line: " in 1.23 s (456 schedules/s)".</summary>
    [GeneratedRegex(@" in [0-9.]+ s \([0-9]+ schedules/s\)")]
    private static partial Regex Timeless();

    /// <summary>A member's refusal of a submitter with another configuration, naming both fingerprints.</summary>
    [GeneratedRegex(@"^error: member (?<member>\S+) runs hotplug configuration (?<theirs>[0-9a-f]{12}), the submitter (?<ours>[0-9a-f]{12}): give members and submitter the same settings")]
    private static partial Regex Refusal();

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
