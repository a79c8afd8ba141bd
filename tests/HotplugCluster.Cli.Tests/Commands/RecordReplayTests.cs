using HotplugCluster.Hocon;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Persistence.Sqlite;
using HotplugCluster.Simulation.Configuration;
using HotplugCluster.Simulation.Journal;
using Microsoft.Data.Sqlite;
using Xunit;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary><c>hotplug run --journal</c> records a run whole; <c>hotplug replay</c> rebuilds it (time travel) and re-executes it (--verify).</summary>
public sealed class RecordReplayTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hotplug-record-").FullName;

    private string Db => Path.Combine(_dir, "runs.db");

    private (int ExitCode, string Output) Hotplug(params string[] args) => CliRunner.Run([.. args, "--journal", Db]);

    [Fact]
    public void A_recorded_run_is_listed_shown_and_verified_byte_for_byte()
    {
        var (code, output) = Hotplug("run", "ROOT/config/scenarios/quickstart.conf");
        Assert.Equal(0, code);
        Assert.Matches(@"recorded run quickstart-1 in .*runs\.db: (\d+) events, \d+ scheduler steps", output);

        var (listCode, list) = Hotplug("journal", "list");
        Assert.Equal(0, listCode);
        Assert.Contains("quickstart-1 ", list, StringComparison.Ordinal);
        Assert.Contains("/ ok", list, StringComparison.Ordinal);

        var (verifyCode, verify) = Hotplug("replay", "quickstart-1", "--verify");
        Assert.Equal(0, verifyCode);
        Assert.Matches(@"^verified quickstart-1: \d+ events re-executed byte for byte\n$", verify);
    }

    [Fact]
    public void A_run_under_the_random_strategy_verifies_from_its_seed_and_recorded_choices()
    {
        Assert.Equal(0, Hotplug("run", "ROOT/config/scenarios/quickstart.conf", "--set", "hotplug.actors.strategy = random", "--set", "hotplug.actors.seed = 12").ExitCode);

        var (code, output) = Hotplug("replay", "quickstart-1", "--verify");

        Assert.Equal(0, code);
        Assert.StartsWith("verified quickstart-1", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_to_an_event_shows_the_sysfs_the_host_had_then()
    {
        Hotplug("run", "ROOT/config/scenarios/quickstart.conf");
        using var store = SqliteJournal.Open(Db);
        var runs = new RunJournal(store);
        var events = runs.Events("quickstart-1");
        var settings = HostConfig.Read(ConfigFactory.ParseString(runs.Summary("quickstart-1")!.Started.Config).Resolve(new ConfigResolveOptions { UseEnvironment = false }));
        var firstOnline = events.First(e => e.Event is BlockStateChanged { State: Kernel.MemoryBlocks.MemoryBlockState.Online }).Index;
        var expected = KernelHost.Replay(settings, events.Take((int)firstOnline).Select(e => (KernelEvent)e.Event));

        var (code, output) = Hotplug("replay", "quickstart-1", "--to", firstOnline.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--sysfs", "/sys/devices/system/node/node1/meminfo", "/sys/devices/system/memory/memory256/state");

        Assert.Equal(0, code);
        Assert.Contains($"quickstart-1 after event {firstOnline} of {events.Count}", output, StringComparison.Ordinal);
        Assert.Contains("==> /sys/devices/system/memory/memory256/state <==\nonline\n", output, StringComparison.Ordinal);
        Assert.Contains(SysfsReader.Read(expected, "/sys/devices/system/node/node1/meminfo").Content!, output, StringComparison.Ordinal);
        Assert.Contains("Node 1 MemTotal:         258048 kB", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_names_the_first_event_that_differs_from_the_journal()
    {
        Hotplug("run", "ROOT/config/scenarios/quickstart.conf");
        string pid;
        long seq;
        using (var store = SqliteJournal.Open(Db))
        {
            var target = new RunJournal(store).Events("quickstart-1")[41].Repr;
            (pid, seq) = (target.PersistenceId, target.SequenceNr);
        }

        var (manifest, payload) = RunJournal.Codecs().Encode(new KernelLogged("an event this run never produced"));
        using (var connection = new SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE event_journal SET manifest = $m, payload = $p WHERE persistence_id = $id AND sequence_nr = $s";
            command.Parameters.AddWithValue("$m", manifest);
            command.Parameters.AddWithValue("$p", payload);
            command.Parameters.AddWithValue("$id", pid);
            command.Parameters.AddWithValue("$s", seq);
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var (code, output) = Hotplug("replay", "quickstart-1", "--verify");

        Assert.Equal(1, code);
        Assert.StartsWith($"diverged quickstart-1: event #42 differs: the journal has {pid}#{seq} {{\"type\":\"KernelLogged\",\"line\":\"an event this run never produced\"}}, re-execution produced {pid}#{seq} ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_of_an_unknown_run_or_event_is_bad_input()
    {
        Hotplug("run", "ROOT/config/scenarios/quickstart.conf");

        Assert.Equal((2, "error: no run 'quickstart-9' in the journal; runs: quickstart-1\n"), Hotplug("replay", "quickstart-9"));
        var (code, output) = Hotplug("replay", "quickstart-1", "--to", "100000");
        Assert.Equal(2, code);
        Assert.StartsWith("error: --to 100000 is outside the run's events (0..", output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
