using System.Text.Json.Nodes;
using Xunit;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary><c>hotplug stress</c>: exit codes, JSON, the saved trace and diagram, replay, divergence and refusals.</summary>
public sealed class StressCommandTests : IDisposable
{
    private const string Cycles = "ROOT/config/scenarios/stress/online-offline-cycles.conf";
    private const string Bug = "host.kernel.bugs = [ online-pages-without-mem-hotplug-lock ]";
    private readonly string _dir = Directory.CreateTempSubdirectory("stress-test").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Temp(string name) => Path.Combine(_dir, name);

    [Fact]
    public void A_clean_search_exits_0_and_reports_schedules_per_second_in_json()
    {
        var (code, output) = CliRunner.Run("stress", Cycles, "--schedules", "40", "--strategy", "random", "--seed", "3", "--json");
        Assert.Equal(0, code);
        var json = JsonNode.Parse(output)!;
        Assert.Equal(40, (int)json["schedules_run"]!);
        Assert.Equal("random", (string)json["strategy"]!);
        Assert.True((double)json["schedules_per_s"]! > 0);
        Assert.Null(json["violation"]);
    }

    [Fact]
    public void A_violation_exits_1_prints_the_minimised_trace_and_saves_trace_and_diagram()
    {
        var trace = Temp("t.json");
        var diagram = Temp("t.mmd");
        var (code, output) = CliRunner.Run("stress", Cycles, "--schedules", "50", "--set", Bug, "--trace-out", trace, "--diagram", diagram);
        Assert.Equal(1, code);
        Assert.Contains("violation in schedule 0 (seed ", output, StringComparison.Ordinal);
        Assert.Contains("lock-discipline after step", output, StringComparison.Ordinal);
        Assert.Contains("online-file  op3   $ echo 1 > /sys/devices/system/memory/memory257/online", output, StringComparison.Ordinal);
        Assert.Contains("==> lock-discipline", output, StringComparison.Ordinal);
        Assert.Contains($"trace saved to {trace}", output, StringComparison.Ordinal);
        var saved = JsonNode.Parse(File.ReadAllText(trace))!;
        Assert.Equal("hotplug-stress-trace/1", (string)saved["format"]!);
        Assert.Equal(Bug, (string)saved["overrides"]![0]!);
        Assert.StartsWith("---\ntitle: online-offline-cycles.conf: lock-discipline\n---\nsequenceDiagram\n", File.ReadAllText(diagram), StringComparison.Ordinal);
    }

    [Fact]
    public void A_saved_trace_replays_to_the_same_violation()
    {
        var trace = Temp("t.json");
        Assert.Equal(1, CliRunner.Run("stress", Cycles, "--schedules", "50", "--set", Bug, "--trace-out", trace).ExitCode);
        var (code, output) = CliRunner.Run("stress", "--replay", trace);
        Assert.Equal(1, code);
        Assert.StartsWith($"replayed {trace}: lock-discipline after step", output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invariant_filter_finds_the_deadlock_past_other_violations_and_the_trace_replays_with_it()
    {
        // concurrent-memory-hot-add-deadlock (30467e0b3be): the switch also drops device_hotplug_lock (lock-discipline
        // at once); --invariant looks for the deadlock.
        var trace = Temp("d.json");
        var (code, output) = CliRunner.Run(
            "stress", "ROOT/config/scenarios/stress/kmem-bind-vs-online.conf", "--schedules", "400",
            "--set", "host.kernel.bugs = [ concurrent-memory-hot-add-deadlock ]", "--invariant", "deadlock", "--trace-out", trace);
        Assert.Equal(1, code);
        var found = System.Text.RegularExpressions.Regex.Match(output, @"violation in schedule \d+ \(seed -?\d+\): deadlock after step \d+");
        Assert.True(found.Success, output);
        Assert.Matches(@"op\d+ \(state_store\) waits at lock MemHotplug", output);
        var replay = CliRunner.Run("stress", "--replay", trace);
        Assert.Equal(1, replay.ExitCode);
        Assert.StartsWith($"replayed {trace}: deadlock after step ", replay.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trace_replays_under_the_check_mode_it_was_found_with()
    {
        // --check end finds the leaked block reference only when every lane has returned; the replay must check the same way.
        var trace = Temp("e.json");
        var (code, output) = CliRunner.Run(
            "stress", "ROOT/config/scenarios/stress/dimm-eject-refcount.conf", "--schedules", "20", "--check", "end",
            "--set", "host.kernel.bugs = [ memory-block-reference-leak-on-remove ]", "--trace-out", trace);
        Assert.Equal(1, code);
        Assert.Contains("(when every lane had returned)", output, StringComparison.Ordinal);
        Assert.Equal("end", (string)JsonNode.Parse(File.ReadAllText(trace))!["check"]!);
        var replay = CliRunner.Run("stress", "--replay", trace);
        Assert.Equal(1, replay.ExitCode);
        Assert.StartsWith($"replayed {trace}: memory-block-references", replay.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trace_that_no_longer_fits_says_where_it_diverged()
    {
        var trace = Temp("t.json");
        Assert.Equal(1, CliRunner.Run("stress", Cycles, "--schedules", "50", "--strategy", "random", "--set", Bug, "--trace-out", trace).ExitCode);
        var json = JsonNode.Parse(File.ReadAllText(trace))!;
        json["choices"] = new JsonArray(0, 0, 0, 999);
        File.WriteAllText(trace, json.ToJsonString());
        var (code, output) = CliRunner.Run("stress", "--replay", trace);
        Assert.Equal(2, code);
        Assert.Contains("the trace diverged at step 3: the trace chooses actor #999", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scenario_identity", "0000000000000000", "the trace belongs to another scenario")]
    [InlineData("model", "0.0.0-other", "recorded by model version 0.0.0-other")]
    public void A_trace_from_another_scenario_or_model_is_refused(string field, string value, string expected)
    {
        var trace = Temp("t.json");
        Assert.Equal(1, CliRunner.Run("stress", Cycles, "--schedules", "50", "--set", Bug, "--trace-out", trace).ExitCode);
        var json = JsonNode.Parse(File.ReadAllText(trace))!;
        json[field] = value;
        File.WriteAllText(trace, json.ToJsonString());
        var (code, output) = CliRunner.Run("stress", "--replay", trace);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", output, StringComparison.Ordinal);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scenario_with_an_unknown_fault_site_is_bad_input_named_by_line_and_column()
    {
        var file = Temp("bad.conf");
        File.WriteAllText(file, "lanes = [ { name = a, run = [ \"cat /proc/iomem\" ] } ]\nfaults = [ cosmic-ray ]\n");
        var (code, output) = CliRunner.Run("stress", file, "--schedules", "5");
        Assert.Equal(2, code);
        Assert.StartsWith($"error: {file}:2:12: faults[0]: unknown fault site 'cosmic-ray'", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_trace_and_a_missing_scenario_are_bad_input()
    {
        var file = Temp("x.json");
        File.WriteAllText(file, "{\"format\": \"something else\"}");
        var (code, output) = CliRunner.Run("stress", "--replay", file);
        Assert.Equal(2, code);
        Assert.Contains("not a stress trace", output, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.Run("stress").ExitCode);
    }
}
