using HotplugCluster.Cli.Tests.Commands;
using Xunit;

namespace HotplugCluster.Cli.Tests.Exec;

/// <summary>Two real clients writing at once: their writes become racing operations on the host's actors, recorded and replayable.</summary>
[Collection(ExecRuns.Name)]
public sealed class ExecConcurrencyTests
{
    [ExecFact]
    public void Two_daxctl_online_memory_runs_at_once_interleave_in_the_journal_and_replay()
    {
        var journal = Path.Combine(Directory.CreateTempSubdirectory("hotplug-race-").FullName, "journal.db");
        var run = HotplugProcess.Run(
            "exec", "--host", "ROOT/tests/HotplugCluster.Cli.Tests/Exec/two-devices.conf", "--journal", journal, "--",
            "bash", "-c", "daxctl online-memory dax0.0 & a=$!; daxctl online-memory dax1.0 & b=$!; wait $a && wait $b");
        Assert.True(run.ExitCode == 0, run.Stdout + run.Stderr);
        Assert.Equal(2, run.Stderr.Split("onlined memory for 1 device\n").Length - 1);
        var runId = run.Stderr.Split("recorded run ")[1].Split(' ')[0];

        // Each online takes device_hotplug_lock (lock_device_hotplug_sysfs() in state_store()), so the two devices' blocks
        // come online one operation at a time, alternating between the clients rather than one device after the other.
        var show = CliRunner.Run("journal", "show", runId, "--journal", journal).Output;
        var onlined = show.Split('\n')
            .Where(l => l.Contains("\"type\":\"BlockStateChanged\"", StringComparison.Ordinal) && l.Contains("\"state\":\"Online\"", StringComparison.Ordinal))
            .Select(l => l.Contains("/memory5", StringComparison.Ordinal) ? 1 : 0)
            .ToList();
        Assert.Equal(32, onlined.Count);
        var switches = onlined.Zip(onlined.Skip(1), (a, b) => a != b).Count(changed => changed);
        Assert.True(switches > 1, $"the two devices' blocks did not interleave: {string.Join("", onlined)}");

        var verify = CliRunner.Run("replay", runId, "--verify", "--journal", journal);
        Assert.True(verify.ExitCode == 0, verify.Output);
    }
}
