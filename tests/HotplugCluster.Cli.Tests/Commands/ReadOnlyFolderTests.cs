using System.Diagnostics;
using HotplugCluster.Mount;
using Microsoft.Data.Sqlite;
using Xunit;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary>
/// The read commands on a journal whose folder is read-only. Tests run as root, which a chmod 0555 does not stop, so
/// the folder is bind-mounted read-only over itself in a private mount namespace (<c>unshare -m</c>), where even root
/// gets EROFS; the commands run there as child processes.
/// </summary>
public sealed class ReadOnlyFolderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hotplug-readonly-").FullName;

    private string Db => Path.Combine(_dir, "runs.db");

    [ReadOnlyFolderFact]
    public void Read_commands_work_on_a_journal_in_a_read_only_folder_and_create_nothing()
    {
        Assert.Equal(0, CliRunner.Run("run", "ROOT/config/scenarios/quickstart.conf", "--journal", Db).ExitCode);
        SqliteConnection.ClearAllPools();
        Assert.Equal(["runs.db"], Directory.GetFiles(_dir).Select(Path.GetFileName));

        foreach (var args in new[]
        {
            new[] { "journal", "list" },
            ["journal", "show", "quickstart-1", "--to", "3"],
            ["journal", "export", "quickstart-1"],
            ["replay", "quickstart-1", "--to", "5"],
            ["replay", "quickstart-1", "--verify"],
        })
        {
            var (code, stdout, stderr) = InReadOnlyFolder([.. args, "--journal", Db]);
            Assert.True(code == 0 && stderr.Length == 0, $"{string.Join(' ', args)}: exit {code}\n{stdout}{stderr}");
            Assert.Contains("quickstart-1", stdout, StringComparison.Ordinal);
        }

        var (runCode, _, runError) = InReadOnlyFolder("run", Path.Combine(CliRunner.RepoRoot, "config", "scenarios", "quickstart.conf"), "--journal", Db);
        Assert.Equal(1, runCode);
        Assert.StartsWith($"error: {Db}: ", runError, StringComparison.Ordinal);
        Assert.Single(runError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["runs.db"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    /// <summary>Runs hotplug with <see cref="_dir"/> mounted read-only (only in the child's mount namespace).</summary>
    private (int ExitCode, string Stdout, string Stderr) InReadOnlyFolder(params string[] args)
    {
        var start = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-m", "--propagation", "private", "--", "sh", "-c", "mount --bind -o ro \"$0\" \"$0\" && exec \"$@\"", _dir, "dotnet", Path.Combine(AppContext.BaseDirectory, "hotplug.dll") }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        var exited = process.WaitForExit(TimeSpan.FromMinutes(5));
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
        }

        Assert.True(exited, $"hotplug {string.Join(' ', args)} did not exit");
        return (process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Skipped, with the reason, where a private mount namespace is not available (not root, no unshare).</summary>
    private sealed class ReadOnlyFolderFactAttribute : FactAttribute
    {
        public ReadOnlyFolderFactAttribute()
        {
            if (ExecNamespace.Unavailable() is { } reason)
            {
                Skip = $"a read-only bind mount needs a private mount namespace: {reason}";
            }
        }
    }
}
