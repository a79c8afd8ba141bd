using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HotplugCluster.Cli.Tests.Fleet;
using Xunit;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary>
/// The three jobs' outputs, byte for byte, against files recorded before the project split (Golden/behaviour/):
/// the quickstart and its journal, a stress search with a fixed seed (its result, trace file and diagram), and the smoke
/// fleet's printed table and --out files. What is measured rather than simulated (elapsed time, rates, memory, the GC and
/// JIT settings) and the build's model version are masked before the comparison; everything else must be unchanged.
/// </summary>
[Collection(FleetSequential.Name)]
public sealed partial class BehaviourGoldenTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hotplug-behaviour-" + Guid.NewGuid().ToString("N"));

    public BehaviourGoldenTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Quickstart_output_and_journal_are_as_recorded_before_the_split()
    {
        var journal = Path.Combine(_dir, "q.db");
        var (code, output) = CliRunner.Run("run", "ROOT/config/scenarios/quickstart.conf", "--journal", journal);
        Assert.Equal(0, code);
        CliRunner.AssertGolden("behaviour/quickstart.txt", output.Replace(_dir, "TMP", StringComparison.Ordinal));

        var export = Path.Combine(_dir, "q.jsonl");
        Assert.Equal(0, CliRunner.Run("journal", "export", "quickstart-1", "--journal", journal, "--out", export).ExitCode);
        CliRunner.AssertGolden("behaviour/quickstart-journal.jsonl", MaskModel(File.ReadAllText(export)));
    }

    [Fact]
    public void Stress_search_with_a_fixed_seed_reports_the_recorded_violation_trace_and_diagram()
    {
        var trace = Path.Combine(_dir, "race.json");
        var diagram = Path.Combine(_dir, "race.mmd");
        var (code, output) = CliRunner.Run(
            "stress", "ROOT/config/scenarios/stress/kmem-bind-vs-online.conf", "--schedules", "300", "--strategy", "pct", "--seed", "7",
            "--set", "host.kernel.bugs = [ concurrent-memory-hot-add-deadlock ]", "--trace-out", trace, "--diagram", diagram, "--json");
        Assert.Equal(1, code);
        CliRunner.AssertGolden("behaviour/stress.json", MaskMeasured(output.Replace(_dir, "TMP", StringComparison.Ordinal)));
        CliRunner.AssertGolden("behaviour/stress-trace.json", MaskModel(File.ReadAllText(trace).Replace(CliRunner.RepoRoot, "ROOT", StringComparison.Ordinal)));
        CliRunner.AssertGolden("behaviour/stress-diagram.mmd", File.ReadAllText(diagram));

        var (cleanCode, clean) = CliRunner.Run("stress", "ROOT/config/scenarios/stress/online-offline-cycles.conf", "--schedules", "200", "--seed", "3", "--json");
        Assert.Equal(0, cleanCode);
        CliRunner.AssertGolden("behaviour/stress-clean.json", MaskMeasured(clean));
    }

    [Fact]
    public void Smoke_fleet_table_and_out_files_are_as_recorded_before_the_split()
    {
        var (code, output) = CliRunner.Run("fleet", "ROOT/config/fleets/smoke.conf", "--out", _dir);
        Assert.Equal(0, code);
        var table = output.Split('\n').Where(l => !ThroughputLine().IsMatch(l));
        CliRunner.AssertGolden("behaviour/fleet-table.txt", string.Join('\n', table));
        CliRunner.AssertGolden("behaviour/fleet-results.csv", File.ReadAllText(Path.Combine(_dir, "results.csv")));
        CliRunner.AssertGolden("behaviour/fleet-results.json", MaskMeasured(File.ReadAllText(Path.Combine(_dir, "results.json"))));
        CliRunner.AssertGolden("behaviour/fleet-journal.jsonl", File.ReadAllText(Path.Combine(_dir, "journal.jsonl")));
    }

    /// <summary>Drops the keys whose values are measured on this machine (time, rates, memory, GC and JIT settings).</summary>
    private static string MaskMeasured(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        foreach (var key in new[] { "elapsed_s", "schedules_per_s", "hosts_per_s", "blocks_per_s", "bytes_per_block", "peak_rss_bytes", "gc_gen0size", "gc_loh_threshold", "jit_pgo", "workers" })
        {
            node.Remove(key);
        }

        return node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static string MaskModel(string text) => ModelVersion().Replace(text, "\"model\":\"MODEL\"");

    [GeneratedRegex(@"""model"":\s*""[^""]*""")]
    private static partial Regex ModelVersion();

    [GeneratedRegex(@"^\d+ hosts, \d+ blocks in [\d.]+ s on \d+ worker")]
    private static partial Regex ThroughputLine();
}
