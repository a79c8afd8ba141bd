using System.Text;
using HotplugCluster.Cli.Configuration;
using HotplugCluster.Cli.Tests.Commands;
using HotplugCluster.Hocon;
using HotplugCluster.Simulation.Configuration;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Shell;
using Xunit;

namespace HotplugCluster.Cli.Tests.Exec;

/// <summary>
/// Debian's daxctl (package daxctl 76.1, unmodified) under <c>hotplug exec</c> against the same host as our own daxctl verbs:
/// every command's output, exit status, /proc/meminfo and the nodes' meminfo after it must match.
/// </summary>
[Collection(ExecRuns.Name)]
public sealed class DaxctlTests
{
    private const string HostFile = "ROOT/tests/HotplugCluster.Cli.Tests/Exec/dax-host.conf";

    private static readonly string[] Commands =
    [
        "daxctl list",
        "daxctl reconfigure-device -m system-ram dax0.0",
        "daxctl online-memory dax0.0",
        "daxctl offline-memory dax0.0",
        "daxctl online-memory dax0.0",
        "daxctl offline-memory dax0.0",
        "daxctl reconfigure-device -m devdax dax0.0",
        "daxctl list",
    ];

    [ExecTheory]
    [InlineData("6.1", "off")]
    [InlineData("6.1", "on")]
    [InlineData("6.8", "off")]
    [InlineData("6.8", "on")]
    public void Real_daxctl_prints_and_changes_what_our_daxctl_verbs_do(string version, string memmap)
    {
        string[] sets = [$"host.kernel.version=\"{version}\"", $"host.kernel.memmap-on-memory={memmap}"];
        var journal = Path.Combine(Directory.CreateTempSubdirectory("hotplug-daxctl-").FullName, "journal.db");
        var script = new StringBuilder("cd /\n");
        foreach (var c in Commands)
        {
            script.Append($"echo '$ {c}'; {c} >/tmp/out.$$ 2>/tmp/err.$$; rc=$?; cat /tmp/out.$$ /tmp/err.$$; echo \"rc=$rc\"; rm -f /tmp/out.$$ /tmp/err.$$\n")
                .Append("cat /proc/meminfo /sys/devices/system/node/node*/meminfo\n");
        }

        var args = new List<string> { "exec", "--host", HostFile, "--journal", journal };
        foreach (var s in sets)
        {
            args.Add("--set");
            args.Add(s);
        }

        args.AddRange(["--", "bash", "-c", script.ToString()]);
        var real = HotplugProcess.Run([.. args]);
        Assert.True(real.ExitCode == 0, real.Stderr);
        Assert.Equal(Ours(sets), real.Stdout);

        // The run replays: every write re-submitted at its step re-creates the same events.
        var runId = real.Stderr.Split("recorded run ")[1].Split(' ')[0];
        var verify = CliRunner.Run("replay", runId, "--verify", "--journal", journal);
        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.StartsWith($"verified {runId}", verify.Output, StringComparison.Ordinal);
    }

    [ExecFact]
    public void Real_daxctl_lists_regions_and_mappings()
    {
        var real = HotplugProcess.Run("exec", "--host", HostFile, "--no-journal", "--", "daxctl", "list", "-D", "-R", "-M");
        Assert.True(real.ExitCode == 0, real.Stderr);
        Assert.Contains("\"path\":\"\\/platform\\/ACPI0017:00\\/root0\\/decoder0.0\\/region0\\/dax_region0\"", real.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"chardev\":\"dax0.0\"", real.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"start\":68719476736", real.Stdout, StringComparison.Ordinal);
    }

    /// <summary>The same commands through <c>hotplug sysfs</c>'s daxctl verbs, printed as the script above prints them.</summary>
    private static string Ours(string[] sets)
    {
        var config = ConfigLoader.Load(HostFile.Replace("ROOT", CliRunner.RepoRoot, StringComparison.Ordinal), sets, ConfigResolveOptions.Default);
        using var host = SimulatedHost.Boot(HostConfig.Read(config));
        var shell = new HostShell(host);
        var text = new StringWriter { NewLine = "\n" };
        foreach (var c in Commands)
        {
            text.WriteLine($"$ {c}");
            var status = shell.ExecuteLine(c, text);
            text.WriteLine($"rc={status}");
            shell.ExecuteLine("cat /proc/meminfo", text);
            foreach (var node in host.State.Nodes.Where(n => n.Online))
            {
                shell.ExecuteLine($"cat /sys/devices/system/node/node{node.Id.Value}/meminfo", text);
            }
        }

        return text.ToString();
    }
}
