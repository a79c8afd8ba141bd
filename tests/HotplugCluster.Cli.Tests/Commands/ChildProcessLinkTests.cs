using System.Diagnostics;
using Xunit;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary>
/// A heavy verb restarts itself for its GC budget (<see cref="GcBudget"/>); killing the process the user started must end
/// the restarted child too, or it goes on writing its output files. Real processes: a long stress run is started, the
/// child announces itself, the parent is killed, and the test waits (bounded) for the child's end: the end of the
/// stderr pipe both processes hold, which closes only when both are gone.
/// </summary>
public sealed class ChildProcessLinkTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Killing_the_parent_ends_the_restarted_child_when_it_gets_SIGKILL_or_SIGTERM(bool sigkill)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var dir = Directory.CreateTempSubdirectory("hotplug-child-").FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dir };
        foreach (var arg in new[] { typeof(Program).Assembly.Location, "stress", Path.Combine(CliRunner.RepoRoot, "config", "scenarios", "stress", "online-offline-cycles.conf"), "--schedules", "100000000", "--json" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "DOTNET_GCgen0size", "HOTPLUG_GC_RELAUNCH", "DOTNET_TieredPGO", "DOTNET_TC_QuickJit", ChildProcessLink.ParentVariable })
        {
            start.Environment.Remove(name);
        }

        start.Environment[ChildProcessLink.AnnounceVariable] = "1";
        using var parent = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(Bound);
        try
        {
            var announced = await parent.StandardError.ReadLineAsync(timeout.Token);
            Assert.StartsWith("hotplug child ", announced, StringComparison.Ordinal);
            var child = int.Parse(announced!["hotplug child ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.NotEqual(parent.Id, child);

            if (sigkill)
            {
                parent.Kill();
            }
            else
            {
                using var kill = Process.Start("kill", ["-TERM", parent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync(timeout.Token);
            }

            // EOF on the shared stderr pipe: every process holding it (parent and child) has ended.
            await parent.StandardError.ReadToEndAsync(timeout.Token);
            await parent.WaitForExitAsync(timeout.Token);
            // The pipe closes while the child is still in exit(); its end is an event on a pidfd, waited for with a bound.
            Assert.True(ProcessExit.WaitFor(child, Bound), $"the child {child} outlived its parent");
            Assert.Empty(Directory.GetFiles(dir));
        }
        finally
        {
            if (!parent.HasExited)
            {
                parent.Kill(entireProcessTree: true);
            }

            Directory.Delete(dir, recursive: true);
        }
    }
}
