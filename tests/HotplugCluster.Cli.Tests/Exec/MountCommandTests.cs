using System.Diagnostics;
using HotplugCluster.Cli.Tests.Commands;
using HotplugCluster.Mount;
using Xunit;

namespace HotplugCluster.Cli.Tests.Exec;

/// <summary><c>hotplug mount</c>'s life: a clean unmount on SIGTERM, recovery of the dead mount a SIGKILLed daemon leaves, and one-line errors.</summary>
[Collection(ExecRuns.Name)]
public sealed class MountCommandTests
{
    private const string Host = "ROOT/config/hosts/small-cxl.conf";

    [ExecFact]
    public void Next_mount_recovers_the_dead_mount_of_a_killed_daemon_and_SIGTERM_unmounts()
    {
        var dir = Directory.CreateTempSubdirectory("hotplug-mount-kill-").FullName;
        try
        {
            using (var killed = Start(dir))
            {
                killed.Kill();
                killed.WaitForExit();
            }

            Assert.Throws<IOException>(() => Directory.GetFileSystemEntries(dir));
            Assert.NotEmpty(MountTable.At(dir));

            using (var next = Start(dir))
            {
                Assert.Equal("offline\n", File.ReadAllText($"{dir}/sys/devices/system/memory/memory256/state"));
                Process.Start("kill", ["-TERM", $"{next.Id}"])!.WaitForExit();
                Assert.True(next.WaitForExit(TimeSpan.FromSeconds(60)));
                Assert.Equal(0, next.ExitCode);
                Assert.StartsWith("unmounted", next.StandardOutput.ReadToEnd(), StringComparison.Ordinal);
            }

            Assert.Empty(MountTable.At(dir));
        }
        finally
        {
            if (MountTable.At(dir).Count > 0)
            {
                Process.Start("umount", ["-l", dir])!.WaitForExit();
            }

            Directory.Delete(dir);
        }
    }

    [ExecFact]
    public void Mount_refuses_a_missing_or_busy_mount_point_in_one_line()
    {
        var missing = CliRunner.Run("mount", "--host", Host, "/nonexistent/hotplug-mount");
        Assert.Equal((1, "error: mount point /nonexistent/hotplug-mount: No such file or directory\n"), missing);

        var dir = Directory.CreateTempSubdirectory("hotplug-mount-busy-").FullName;
        Process.Start("mount", ["-t", "tmpfs", "hotplug-busy", dir])!.WaitForExit();
        try
        {
            var busy = CliRunner.Run("mount", "--host", Host, dir);
            Assert.Equal((1, $"error: mount point {dir} is busy: tmpfs hotplug-busy is mounted there\n"), busy);
        }
        finally
        {
            Process.Start("umount", [dir])!.WaitForExit();
            Directory.Delete(dir);
        }
    }

    /// <summary>Starts <c>hotplug mount</c> on <paramref name="dir"/> and waits for its "serving" line.</summary>
    private static Process Start(string dir)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "hotplug.dll"), "mount", "--host", Host.Replace("ROOT", CliRunner.RepoRoot, StringComparison.Ordinal), dir })
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start)!;
        var line = process.StandardOutput.ReadLine();
        if (line is null || !line.StartsWith("serving", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"hotplug mount did not start: {line}");
        }

        return process;
    }
}
