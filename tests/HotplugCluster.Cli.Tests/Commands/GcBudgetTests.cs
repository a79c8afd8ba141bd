using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary>The heavy verbs restart <c>hotplug</c> once with a first-generation GC budget; the child's output and exit code come through.</summary>
public sealed class GcBudgetTests
{
    private static readonly string Scenario = Path.Combine(CliRunner.RepoRoot, "config", "scenarios", "stress", "online-offline-cycles.conf");

    [Fact]
    public void Stress_runs_with_the_budget_and_reports_it()
    {
        var (code, output, _) = Hotplug(null, "stress", Scenario, "--schedules", "5", "--json");

        Assert.Equal(0, code);
        Assert.Equal(GcBudget.Gen0Size, (string?)JsonNode.Parse(output)!["gc_gen0size"]);
        Assert.Equal("4194304", (string?)JsonNode.Parse(output)!["gc_loh_threshold"]);
    }

    [Fact]
    public void A_fleet_bench_runs_with_the_budget_capped_at_the_fleet_budget_and_reports_it()
    {
        var fleet = Path.Combine(CliRunner.RepoRoot, "config", "fleets", "smoke.conf");
        var (code, output, error) = Hotplug(null, "bench", "fleet", fleet, "--growth", "--sizes", "1", "--json");

        Assert.True(code == 0, error);
        var cap = Convert.ToInt64(GcBudget.Gen0Size, 16).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(cap, (string?)JsonNode.Parse(output)!["gc_gen0_max_budget"]);
    }

    [Fact]
    public void A_fleet_runs_with_dynamic_pgo_and_stress_without()
    {
        var fleet = Path.Combine(CliRunner.RepoRoot, "config", "fleets", "smoke.conf");
        var (code, output, _) = Hotplug(null, "fleet", fleet, "--json");
        Assert.Equal(0, code);
        Assert.True((bool)JsonNode.Parse(output)!["jit_pgo"]!);

        (code, output, _) = Hotplug(new() { ["HOTPLUG_GC_RELAUNCH"] = "0" }, "fleet", fleet, "--json");
        Assert.Equal(0, code);
        Assert.False((bool)JsonNode.Parse(output)!["jit_pgo"]!);

        (code, output, _) = Hotplug(null, "stress", Scenario, "--schedules", "5", "--json");
        Assert.Equal(0, code);
        Assert.False((bool)JsonNode.Parse(output)!["jit_pgo"]!);
    }

    [Fact]
    public async Task A_node_runs_with_the_fleet_budget_and_dynamic_pgo_and_says_so_when_up()
    {
        var folder = Directory.CreateTempSubdirectory("hotplug-gc-node-").FullName;
        using var node = Process.Start(Start(null, "node", "--port", "0", "--journal", $"Data Source={Path.Combine(folder, "cluster.db")}"))!;
        try
        {
            var line = await node.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.StartsWith("hotplug node up at ", line, StringComparison.Ordinal);
            Assert.EndsWith($", gen0size {GcBudget.Gen0Size}, pgo on)", line, StringComparison.Ordinal);
        }
        finally
        {
            node.Kill(entireProcessTree: true);
            node.WaitForExit();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_budget_already_set_or_relaunch_off_is_kept_and_exit_codes_come_through()
    {
        var (code, output, _) = Hotplug(new() { ["DOTNET_GCgen0size"] = "0x2000000" }, "stress", Scenario, "--schedules", "5", "--json");
        Assert.Equal(0, code);
        Assert.Equal("0x2000000", (string?)JsonNode.Parse(output)!["gc_gen0size"]);

        (code, output, _) = Hotplug(new() { ["HOTPLUG_GC_RELAUNCH"] = "0" }, "stress", Scenario, "--schedules", "5", "--json");
        Assert.Equal(0, code);
        Assert.Equal("default", (string?)JsonNode.Parse(output)!["gc_gen0size"]);

        var (bad, _, error) = Hotplug(null, "stress", "no-such-scenario.conf");
        Assert.Equal(2, bad);
        Assert.Contains("no-such-scenario.conf:1:1:", error, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Hotplug(Dictionary<string, string>? environment, params string[] args)
    {
        using var child = Process.Start(Start(environment, args))!;
        var error = child.StandardError.ReadToEndAsync();
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        return (child.ExitCode, output, error.Result);
    }

    private static ProcessStartInfo Start(Dictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("DOTNET_GCgen0size");
        start.Environment.Remove("HOTPLUG_GC_RELAUNCH");
        start.Environment.Remove("DOTNET_TieredPGO");
        start.Environment.Remove("DOTNET_TC_QuickJit");
        start.Environment.Remove("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit");
        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        return start;
    }
}
