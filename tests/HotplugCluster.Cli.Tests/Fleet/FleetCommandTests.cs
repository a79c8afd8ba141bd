using System.Text.Json;
using Xunit;

namespace HotplugCluster.Cli.Tests.Fleet;

/// <summary><c>hotplug fleet</c> on config/fleets/smoke.conf: table, JSON keys, output files, and refusals before anything runs.</summary>
[Collection(FleetSequential.Name)]
public sealed class FleetCommandTests
{
    internal static readonly string RepoRoot = FindRepoRoot();

    private static string Smoke => Path.Combine(RepoRoot, "config", "fleets", "smoke.conf");

    [Fact]
    public void Json_reports_figures_per_variant_and_the_scale_keys()
    {
        var (code, output, _) = Run(["fleet", Smoke, "--json"]);

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(10, root.GetProperty("hosts").GetInt64());
        foreach (var key in new[] { "hosts_per_s", "blocks_per_s", "bytes_per_block", "peak_rss_bytes" })
        {
            Assert.True(root.GetProperty(key).GetDouble() > 0, key);
        }

        var variants = root.GetProperty("variants").EnumerateArray().ToList();
        Assert.Equal(["memmap-on-memory=off", "memmap-on-memory=on"], variants.Select(v => v.GetProperty("label").GetString()));
        foreach (var v in variants)
        {
            Assert.Equal(v.GetProperty("cxl_added_bytes").GetInt64() / 64, v.GetProperty("memmap_bytes").GetInt64());
        }

        Assert.Equal("copy", root.GetProperty("host_start").GetString());
    }

    [Fact]
    public void Json_says_which_host_start_ran_and_both_give_the_same_figures()
    {
        var (code, copy, _) = Run(["fleet", Smoke, "--json"]);
        var (bootCode, boot, _) = Run(["fleet", Smoke, "--json", "--set", "fleet.host-start=boot"]);

        Assert.Equal(0, code);
        Assert.Equal(0, bootCode);
        using var copyDoc = JsonDocument.Parse(copy);
        using var bootDoc = JsonDocument.Parse(boot);
        Assert.Equal("copy", copyDoc.RootElement.GetProperty("host_start").GetString());
        Assert.Equal("boot", bootDoc.RootElement.GetProperty("host_start").GetString());
        Assert.Equal(copyDoc.RootElement.GetProperty("variants").GetRawText(), bootDoc.RootElement.GetProperty("variants").GetRawText());
    }

    [Fact]
    public void Table_has_a_row_per_variant_and_the_throughput_line()
    {
        var (code, output, _) = Run(["fleet", Smoke]);

        Assert.Equal(0, code);
        Assert.Contains("fleet smoke: 10 hosts, seed 7", output, StringComparison.Ordinal);
        Assert.Contains("│ memmap-on-memory=off │", output, StringComparison.Ordinal);
        Assert.Contains("│ memmap-on-memory=on  │", output, StringComparison.Ordinal);
        Assert.Matches(@"10 hosts, \d+ blocks in [\d.]+ s on \d+ worker\(s\), hosts started by copy: [\d.]+ hosts/s", output);
    }

    [Fact]
    public void Out_writes_csv_json_report_and_summary_journal_identical_for_one_or_two_workers()
    {
        var one = Path.Combine(Path.GetTempPath(), "fleet-test-" + Guid.NewGuid().ToString("N"));
        var two = one + "-2";
        try
        {
            Assert.Equal(0, Run(["fleet", Smoke, "--out", one, "--parallelism", "1"]).Code);
            Assert.Equal(0, Run(["fleet", Smoke, "--out", two, "--parallelism", "2"]).Code);

            var csv = File.ReadAllLines(Path.Combine(one, "results.csv"));
            Assert.StartsWith("variant,label,host,class,", csv[0], StringComparison.Ordinal);
            Assert.Equal(1 + 10, csv.Length);
            Assert.Equal(File.ReadAllText(Path.Combine(one, "results.csv")), File.ReadAllText(Path.Combine(two, "results.csv")));
            Assert.Equal(File.ReadAllText(Path.Combine(one, "journal.jsonl")), File.ReadAllText(Path.Combine(two, "journal.jsonl")));
            Assert.Equal(10, File.ReadAllLines(Path.Combine(one, "journal.jsonl")).Count(l => l.Contains("\"HostSummarized\"", StringComparison.Ordinal)));
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(one, "results.json")));
            Assert.Equal(5, json.RootElement.GetProperty("variants")[0].GetProperty("host_results").GetArrayLength());
            var html = File.ReadAllText(Path.Combine(one, "report.html"));
            Assert.Contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"chart-overhead\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(one, recursive: true);
            Directory.Delete(two, recursive: true);
        }
    }

    [Fact]
    public void Full_journal_holds_every_kernel_event_of_every_host()
    {
        var dir = Path.Combine(Path.GetTempPath(), "fleet-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            Assert.Equal(0, Run(["fleet", Smoke, "--out", dir, "--journal", "full"]).Code);
            var events = File.ReadAllLines(Path.Combine(dir, "journal.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var kinds = events.Select(e => e.GetProperty("event").GetString()).ToHashSet();

            // Boot, hot-add, online, fill, reclaim and re-add all leave their events; one summary per host ends the journal.
            Assert.Superset(new HashSet<string?> { "BootMemoryAdded", "MemoryBlockCreated", "PagesOnlined", "PagesAllocated", "PagesOfflined", "MemoryBlockRemoved", "HostSummarized" }, kinds);
            Assert.Equal(10, events.Count(e => e.GetProperty("event").GetString() == "HostSummarized"));
            var host3 = events.Where(e => e.GetProperty("variant").GetInt32() == 1 && e.GetProperty("host").GetInt32() == 3 && e.TryGetProperty("pid", out _)).ToList();
            Assert.Equal("host/node0", host3[0].GetProperty("pid").GetString());
            Assert.All(host3.GroupBy(e => e.GetProperty("pid").GetString()), stream =>
                Assert.Equal(Enumerable.Range(1, stream.Count()).Select(i => (long)i), stream.Select(e => e.GetProperty("seq").GetInt64())));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Bad_fleet_is_refused_with_file_line_and_column_before_running()
    {
        var (code, output, error) = Run(["fleet", Smoke, "--set", "fleet.sweep.host.kernel.memmap-on-memroy = [off, on]"]);

        Assert.Equal(Dispatch.BadInput, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error: --set:1:", error, StringComparison.Ordinal);
        Assert.Contains("fleet.sweep: unknown setting 'host.kernel.memmap-on-memroy'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Fleet_that_cannot_fit_is_refused_up_front_with_the_estimate()
    {
        var (code, output, error) = Run(["fleet", Smoke, "--set", "fleet.memory-limit = 64MiB", "--parallelism", "4"]);

        Assert.Equal(Dispatch.BadInput, code);
        Assert.Equal(string.Empty, output);
        Assert.Matches(@"^error: the fleet needs an estimated [\d.]+ ?[KMG]iB of memory \(10 hosts, \d+ blocks, 8 hosts in flight", error);
        Assert.Contains("above fleet.memory-limit = 64MiB", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Full_journal_over_the_limit_is_refused()
    {
        var (code, _, error) = Run(["fleet", Smoke, "--journal", "full", "--set", "fleet.sweep.count = [600]"]);

        Assert.Equal(Dispatch.BadInput, code);
        Assert.Contains("--journal full keeps every kernel event and is limited to 1000 hosts; this fleet runs 2400", error, StringComparison.Ordinal);
    }

    internal static (int Code, string Output, string Error) Run(string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var code = Program.BuildRoot().Parse(args).Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HotplugCluster.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("HotplugCluster.sln not found above the test directory.");
    }
}
