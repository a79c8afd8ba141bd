using System.Diagnostics;
using System.Text.RegularExpressions;
using HotplugCluster.Cli.Tests.Exec;
using Microsoft.Data.Sqlite;
using Xunit;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary>
/// Runs that share a journal: two recording processes of one scenario at once (both recorded, under two ids), and
/// the read commands while a run records (they see it unfinished, never damaged).
/// </summary>
public sealed partial class ConcurrentRunsTests : IDisposable
{
    private const string Scenario = "ROOT/tests/HotplugCluster.Cli.Tests/Golden/crash-scenario.conf";

    private readonly string _dir = Directory.CreateTempSubdirectory("hotplug-concurrent-").FullName;

    private string Db => Path.Combine(_dir, "runs.db");

    [Fact]
    public void Two_runs_of_one_scenario_at_once_on_a_SQLite_journal_are_both_recorded() => BothRecorded(Db);

    [PostgresFact]
    public void Two_runs_of_one_scenario_at_once_on_a_PostgreSQL_journal_are_both_recorded()
    {
        using var schema = new PostgresSchema();
        BothRecorded(schema.ConnectionString);
    }

    [Fact]
    public void Reading_while_a_run_records_sees_it_unfinished_and_never_damaged()
    {
        using var child = StartRecording();
        try
        {
            ReadWhileRecording(child);
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill();
            }
        }
    }

    private void ReadWhileRecording(Process child)
    {
        var announced = 0;
        var reads = 0;
        while (child.StandardOutput.ReadLine() is { } line)
        {
            if (!line.StartsWith("persisted ", StringComparison.Ordinal))
            {
                continue;
            }

            announced++;
            if (announced == 100)
            {
                // Holding the write lock stops the run between two batches: the readers meet it mid-way for certain.
                using var writer = new SqliteConnection($"Data Source={Db};Pooling=False");
                writer.Open();
                using (var begin = writer.CreateCommand())
                {
                    begin.CommandText = "PRAGMA busy_timeout = 30000; BEGIN IMMEDIATE";
                    begin.ExecuteNonQuery();
                }

                var (listCode, list) = CliRunner.Run("journal", "list", "--journal", Db);
                var (verifyCode, verify) = CliRunner.Run("replay", "crash-scenario-1", "--verify", "--journal", Db);

                Assert.True(listCode == 0, list);
                Assert.Matches(@"\ncrash-scenario-1 +run +1 fifo +(\d+) .* / unfinished \(running, or stopped before its end\)\n$", list);
                Assert.True(int.Parse(EventsColumn().Match(list).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 100, list);
                Assert.True(verifyCode == 0, verify);
                Assert.EndsWith(" re-executed byte for byte (the run did not finish: its stored prefix was checked)\n", verify, StringComparison.Ordinal);
                reads++;
            }
            else if (announced % 50 == 0)
            {
                // Unsynchronised reads while batches commit: each must see a consistent journal.
                var (code, output) = CliRunner.Run("journal", "show", "crash-scenario-1", "--to", "1", "--journal", Db);
                Assert.True(code == 0, output);
                reads++;
            }
        }

        Assert.True(child.WaitForExit(TimeSpan.FromMinutes(5)), "the recording run did not end");
        Assert.True(child.ExitCode == 0, child.StandardError.ReadToEnd());
        Assert.True(reads >= 2, $"{reads} reads during {announced} announced events");
        Assert.EndsWith(" / ok\n", CliRunner.Run("journal", "list", "--journal", Db).Output, StringComparison.Ordinal);
    }

    private static void BothRecorded(string journal)
    {
        var runs = Enumerable.Range(0, 2).Select(_ => Task.Run(() => HotplugProcess.Run("run", Scenario, "--journal", journal))).ToArray();
        Task.WaitAll(runs);
        var results = runs.Select(r => r.Result).ToList();

        Assert.All(results, r => Assert.True(r.ExitCode == 0 && r.Stderr.Length == 0, r.Stdout + r.Stderr));
        Assert.Equal(["crash-scenario-1", "crash-scenario-2"], results.Select(r => RecordedRun().Match(r.Stdout).Groups[1].Value).Order());
        var (code, list) = CliRunner.Run("journal", "list", "--journal", journal);
        Assert.True(code == 0, list);
        Assert.Equal(2, list.Split('\n').Count(l => Regex.IsMatch(l, @"^crash-scenario-[12] +run +1 fifo +\d+ .* / ok$")));
        foreach (var run in new[] { "crash-scenario-1", "crash-scenario-2" })
        {
            var (verifyCode, verify) = CliRunner.Run("replay", run, "--verify", "--journal", journal);
            Assert.True(verifyCode == 0, verify);
            Assert.StartsWith($"verified {run}: ", verify, StringComparison.Ordinal);
        }
    }

    private Process StartRecording()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "hotplug.dll"), "run", Scenario.Replace("ROOT", CliRunner.RepoRoot, StringComparison.Ordinal), "--journal", Db, "--announce-persisted" })
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    [GeneratedRegex(@"recorded run (\S+) in ")]
    private static partial Regex RecordedRun();

    [GeneratedRegex(@"\ncrash-scenario-1 +run +1 fifo +(\d+) ")]
    private static partial Regex EventsColumn();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
