using System.Diagnostics;
using Xunit;

namespace HotplugCluster.Cli.Tests.Exec;

/// <summary>
/// The kernel's tools/testing/selftests/memory-hotplug/mem-on-off-test.sh, unmodified, taken at test time from Debian's
/// linux-source-6.1 (/usr/src/linux-source-6.1.tar.xz, never copied into the repository), run under <c>hotplug exec</c>
/// with a harness that puts our notifier-error-inject files on a debugfs mount point.
/// </summary>
[Collection(ExecRuns.Name)]
public sealed class MemOnOffSelftestTests
{
    private const string Source = "/usr/src/linux-source-6.1.tar.xz";
    private const string Member = "linux-source-6.1/tools/testing/selftests/memory-hotplug/mem-on-off-test.sh";

    // A real debugfs entry in mountinfo (the script finds it with `mount -t debugfs`), our files bound over it.
    private const string Harness = """
        set -e
        mount -t debugfs hotplug-debugfs /sys/kernel/debug
        mount --bind "$HOTPLUG_SIMULATION/sys/kernel/debug" /sys/kernel/debug
        set +e
        bash "$1" -r 25
        """;

    [ExecFact]
    public void Mem_on_off_test_passes_unmodified_against_the_simulated_host()
    {
        Assert.True(File.Exists(Source), $"{Source} is missing: install the linux-source-6.1 package (tests/scripts/mount/install.sh does)");
        var dir = Directory.CreateTempSubdirectory("hotplug-selftest-").FullName;
        try
        {
            var tar = Process.Start("tar", ["-xJf", Source, "-C", dir, Member])!;
            tar.WaitForExit();
            Assert.Equal(0, tar.ExitCode);
            var script = Path.Combine(dir, Member);
            var run = HotplugProcess.Run(
                "exec", "--host", "ROOT/tests/scripts/selftest-host.conf", "--no-journal", "--", "bash", "-c", Harness, "harness", script);
            Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
            Assert.Contains("Test scope: 25% hotplug memory", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("offline->online memory", run.Stdout, StringComparison.Ordinal);
            Assert.Contains("online->offline memory", run.Stdout, StringComparison.Ordinal);

            // The notifier half ran against our debugfs files: it did not skip.
            Assert.DoesNotContain("skip extra tests", run.Stdout + run.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
