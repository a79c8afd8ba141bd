using System.Diagnostics;
using HotplugCluster.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Xunit;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary>
/// A recording <c>hotplug run</c> killed with SIGKILL while it writes (a child process, 20 kill points): every event the
/// run announced as stored (announced after its journal write, from its Persist handler) is in the journal, the journal
/// opens cleanly, and <c>replay --verify</c> re-executes the surviving prefix byte for byte.
/// </summary>
public sealed class CrashTests : IDisposable
{
    private const int RunEvents = 600;

    private readonly string _dir = Directory.CreateTempSubdirectory("hotplug-crash-").FullName;

    public static TheoryData<int> KillPoints => [.. Enumerable.Range(0, 20).Select(i => 1 + (i * (RunEvents - 2) / 19))];

    [Theory]
    [MemberData(nameof(KillPoints))]
    public void A_run_killed_mid_write_keeps_every_announced_event_and_its_prefix_verifies(int killAfter)
    {
        var db = Path.Combine(_dir, $"kill-{killAfter}.db");
        var announced = RunAndKill(db, killAfter);
        Assert.True(announced.Count >= killAfter, $"the child announced {announced.Count} events before it was killed at {killAfter}");

        using (var store = SqliteJournal.Open(db))
        {
            foreach (var (pid, seq) in announced)
            {
                Assert.True(store.CurrentEventsByPersistenceId(pid, seq, seq).Count == 1, $"{pid}#{seq} was announced as stored but is not in the journal (killed after {killAfter})");
            }
        }

        var (code, output) = CliRunner.Run("replay", "crash-scenario-1", "--verify", "--journal", db);
        Assert.True(code == 0, output);
        Assert.StartsWith("verified crash-scenario-1: ", output, StringComparison.Ordinal);
    }

    /// <summary>Starts the recording child, reads its announcements, and SIGKILLs it once <paramref name="killAfter"/> have arrived.</summary>
    private static List<(string Pid, long Seq)> RunAndKill(string db, int killAfter)
    {
        var scenario = Path.Combine(CliRunner.RepoRoot, "tests", "HotplugCluster.Cli.Tests", "Golden", "crash-scenario.conf");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { typeof(Program).Assembly.Location, "run", scenario, "--journal", db, "--announce-persisted" })
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start)!;
        var announced = new List<(string, long)>();
        var killed = false;
        while (child.StandardOutput.ReadLine() is { } line)
        {
            if (!line.StartsWith("persisted ", StringComparison.Ordinal))
            {
                continue;
            }

            var id = line["persisted ".Length..];
            var hash = id.LastIndexOf('#');
            announced.Add((id[..hash], long.Parse(id[(hash + 1)..], System.Globalization.CultureInfo.InvariantCulture)));
            if (!killed && announced.Count == killAfter)
            {
                child.Kill();
                killed = true;
            }
        }

        child.WaitForExit();
        Assert.True(killed, $"the run ended after {announced.Count} events before the kill point {killAfter}: {child.StandardError.ReadToEnd()}");
        Assert.NotEqual(0, child.ExitCode);
        return announced;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
