using System.CommandLine;
using System.Text.Json;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Sqlite;
using HotplugCluster.Simulation.Journal;
using Xunit;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary><c>hotplug journal list|show|export</c> over a journal holding a run written in the run layout.</summary>
public sealed class JournalCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hotplug-journal-cli-").FullName;

    private string JournalFile => Path.Combine(_dir, "runs.db");

    /// <summary>Writes a run the way a recording does: metadata, kernel events tagged with the run, a schedule.</summary>
    private int WriteRun(string runId)
    {
        var host = KernelHost.Boot(new HostSettings(
            new KernelSettings(ByteSize.FromMiB(256), MemmapOnMemoryMode.On),
            [new NumaNodeSettings(0, 8, ByteSize.FromGiB(4)), new NumaNodeSettings(1, 0, ByteSize.Zero)],
            [new CxlDeviceSettings("mem0", ByteSize.FromGiB(1), 1, new PhysAddr(64UL << 30), CxlDeviceMode.SystemRam)]));
        var block = host.State.Blocks.Registered().First(b => b.Nid.Value == 1).Id.Value;
        host.Write($"/sys/devices/system/memory/memory{block}/state", "online_movable\n");

        using var store = SqliteJournal.Open(JournalFile);
        var runs = new RunJournal(store);
        runs.Start(new RunStarted(runId, "run", "config/scenarios/quickstart.conf", "host {}", 7, "random", "test", "2026-11-22T08:00:00Z"));
        var codecs = RunJournal.Codecs();
        var pid = RunJournal.OwnerId(runId, "host-0", "kernel");
        var writes = host.Journal.Select((e, i) =>
        {
            var (manifest, payload) = codecs.Encode(e);
            return new AtomicWrite(new PersistentRepr(pid, i + 1, manifest, payload, i, "test") { Tags = [RunJournal.Tag(runId)] });
        }).ToArray();
        Assert.All(store.WriteMessagesAsync(writes).GetAwaiter().GetResult(), Assert.Null);
        runs.WriteSchedule(runId, new byte[100_000]);
        runs.Finish(runId, new RunFinished(writes.Length, 1234, "ok"));
        return writes.Length;
    }

    private (int ExitCode, string Output) Run(params string[] args)
    {
        var writer = new StringWriter { NewLine = "\n" };
        var code = Program.BuildRoot().Parse([.. args, "--journal", JournalFile]).Invoke(new InvocationConfiguration { Output = writer, Error = writer });
        return (code, writer.ToString());
    }

    [Fact]
    public void List_shows_each_run_with_its_seed_strategy_and_event_count()
    {
        var events = WriteRun("quickstart-1");
        WriteRun("quickstart-2");

        var (code, output) = Run("journal", "list");

        Assert.Equal(0, code);
        var lines = output.TrimEnd().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Matches($@"^quickstart-1 +run +7 random +{events} +2026-11-22T08:00:00Z +config/scenarios/quickstart.conf / ok$", lines[1]);
        Assert.StartsWith("quickstart-2 ", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Show_numbers_the_events_and_honours_from_and_to()
    {
        WriteRun("quickstart-1");

        var (code, output) = Run("journal", "show", "quickstart-1", "--from", "3", "--to", "5");

        Assert.Equal(0, code);
        var lines = output.TrimEnd().Split('\n');
        Assert.StartsWith("run quickstart-1: run config/scenarios/quickstart.conf, seed 7, strategy random", lines[0], StringComparison.Ordinal);
        Assert.Contains("100000 schedule bytes, 1234 steps, ok", lines[1], StringComparison.Ordinal);
        Assert.Equal(5, lines.Length);
        Assert.Matches(@"^ +3 quickstart-1/host-0/kernel#3 \{""type"":""\w+""", lines[2]);
        Assert.StartsWith("     5 quickstart-1/host-0/kernel#5 ", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public void Export_writes_one_json_object_per_event()
    {
        var events = WriteRun("quickstart-1");
        var file = Path.Combine(_dir, "events.jsonl");

        var (code, _) = Run("journal", "export", "quickstart-1", "--out", file);

        Assert.Equal(0, code);
        var lines = File.ReadAllLines(file);
        Assert.Equal(events, lines.Length);
        using var last = JsonDocument.Parse(lines[^1]);
        Assert.Equal(events, last.RootElement.GetProperty("index").GetInt64());
        Assert.Equal("quickstart-1/host-0/kernel", last.RootElement.GetProperty("persistenceId").GetString());
        Assert.EndsWith(".v1", last.RootElement.GetProperty("manifest").GetString(), StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("\"event\":{\"type\":\"PagesOnlined\"", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_run_is_bad_input_that_lists_the_runs()
    {
        WriteRun("quickstart-1");

        var (code, output) = Run("journal", "show", "nope-3");

        Assert.Equal(2, code);
        Assert.Equal("error: no run 'nope-3' in the journal; runs: quickstart-1\n", output);
    }

    [Fact]
    public void A_corrupted_event_is_an_error_naming_its_persistence_id_and_sequence_number()
    {
        WriteRun("quickstart-1");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={JournalFile};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE event_journal SET payload = x'00000000' || substr(payload, 5) WHERE persistence_id = 'quickstart-1/host-0/kernel' AND sequence_nr = 4";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var (code, output) = Run("journal", "export", "quickstart-1");

        Assert.Equal(1, code);
        Assert.StartsWith("error: quickstart-1/host-0/kernel#4: payload of ", output, StringComparison.Ordinal);
        Assert.Contains("is corrupt", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("journal", "show", "quickstart-1")]
    [InlineData("journal", "export", "quickstart-1")]
    [InlineData("replay", "quickstart-1", "--to", "2")]
    [InlineData("replay", "quickstart-1", "--verify")]
    public void A_missing_event_is_an_error_for_every_reader_naming_it(params string[] args)
    {
        WriteRun("quickstart-1");
        Assert.Equal(1, Sql("DELETE FROM event_journal WHERE persistence_id = 'quickstart-1/host-0/kernel' AND sequence_nr = 4"));

        var (code, output) = Run(args);

        Assert.Equal(1, code);
        Assert.Equal("error: quickstart-1/host-0/kernel#4: missing from the journal (the stream goes from #3 to #5)\n", output);
    }

    [Fact]
    public void A_damaged_run_is_listed_with_why_and_the_others_still_list()
    {
        WriteRun("quickstart-1");
        WriteRun("quickstart-2");
        Assert.Equal(1, Sql("DELETE FROM event_journal WHERE persistence_id = 'quickstart-1/host-0/kernel' AND sequence_nr = 1"));

        var (code, output) = Run("journal", "list");
        var (jsonCode, json) = Run("journal", "list", "--json");

        Assert.Equal((0, 0), (code, jsonCode));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("quickstart-1             damaged: quickstart-1/host-0/kernel#1: missing from the journal (the stream starts at #2)", lines[1]);
        Assert.Matches(@"^quickstart-2 +run +7 random +\d+ +2026-11-22T08:00:00Z +config/scenarios/quickstart.conf / ok$", lines[2]);
        Assert.StartsWith("{\"run\":\"quickstart-1\",\"damaged\":\"quickstart-1/host-0/kernel#1: missing", json, StringComparison.Ordinal);
        Assert.Contains("{\"run\":\"quickstart-2\",\"command\":\"run\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_SQLite_database_that_is_not_a_journal_is_refused_by_readers_and_writers_and_left_unchanged()
    {
        Sql("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO photos (name) VALUES ('cat')");
        var before = File.ReadAllBytes(JournalFile);
        var expected = $"error: {JournalFile}: not a journal: a SQLite database with tables photos and no event_journal; refusing to add journal tables to it\n";

        var list = Run("journal", "list");
        var record = CliRunner.Run("run", "ROOT/config/scenarios/quickstart.conf", "--journal", JournalFile);

        Assert.Equal((1, expected), list);
        Assert.Equal((1, expected), record);
        Assert.Equal(before, File.ReadAllBytes(JournalFile));
    }

    private int Sql(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={JournalFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
