using HotplugCluster.Cli.Commands;
using HotplugCluster.Cli.Hosts;
using HotplugCluster.Cli.Terminal;
using HotplugCluster.Simulation.Configuration;
using HotplugCluster.Simulation.Shell;
using Xunit;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary><c>hotplug sysfs --host FILE [--script FILE]</c>: script transcripts, interactive mode and errors.</summary>
public sealed class SysfsCommandTests
{
    [Theory]
    [InlineData("tests/scripts/selftest-host.conf", "mem-on-off-test")]
    [InlineData("tests/scripts/daxctl-host.conf", "daxctl-devices")]
    [InlineData("tests/scripts/selftest-host.conf", "kmem-unbind-leak")]
    public void Script_prints_the_transcript_checked_in_beside_it_and_counts_the_failed_writes_with_keep_going(string host, string script)
    {
        var (code, output) = CliRunner.Run("sysfs", "--host", $"ROOT/{host}", "--script", $"ROOT/tests/scripts/{script}.sh", "--keep-going");
        var expected = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "tests", "scripts", $"{script}.expected"));
        Assert.Equal(1, code);
        Assert.StartsWith(expected, output, StringComparison.Ordinal);
        Assert.Matches(@"^error: ROOT/tests/scripts/.*\.sh: \d+ of \d+ commands failed \(lines [\d, ]+\)\n$", output[expected.Length..]);
    }

    [Fact]
    public void Script_with_bad_syntax_stops_there_naming_the_line()
    {
        var (code, output) = CliRunner.Run("sysfs", "--host", "ROOT/config/hosts/small-cxl.conf", "--script", "ROOT/tests/HotplugCluster.Cli.Tests/Golden/sysfs-bad-script.sh");
        Assert.Equal(1, code);
        Assert.EndsWith(
            "hotplug-sh: ROOT/tests/HotplugCluster.Cli.Tests/Golden/sysfs-bad-script.sh:3: echo: expected `echo [-n] VALUE > PATH` (one redirection, then the path)\n"
            + "error: ROOT/tests/HotplugCluster.Cli.Tests/Golden/sysfs-bad-script.sh:3: the command failed; the script stopped there after 2 command(s) (--keep-going runs the rest)\n",
            output);
    }

    [Fact]
    public void Script_stops_at_the_first_failed_command_and_exits_1_naming_its_line_as_sh_e_does()
    {
        var script = Path.Combine(Path.GetTempPath(), $"hotplug-failing-{Environment.ProcessId}.sh");
        File.WriteAllText(script, "daxctl list\necho bogus > /sys/devices/system/memory/memory8/state\ncat /sys/devices/system/memory/block_size_bytes\n");
        try
        {
            var (code, output) = CliRunner.Run("sysfs", "--host", "ROOT/config/hosts/small-cxl.conf", "--script", script);
            Assert.Equal(1, code);
            Assert.Contains("$ daxctl list\n", output, StringComparison.Ordinal);
            Assert.DoesNotContain("block_size_bytes", output, StringComparison.Ordinal);
            Assert.EndsWith($"error: {script}:2: the command failed; the script stopped there after 2 command(s) (--keep-going runs the rest)\n", output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public void Script_reports_an_unknown_command_and_goes_on_with_keep_going()
    {
        var script = Path.Combine(Path.GetTempPath(), $"hotplug-unknown-{Environment.ProcessId}.sh");
        File.WriteAllText(script, "bogus --flag\ncat /sys/devices/system/memory/block_size_bytes\n");
        try
        {
            var (code, output) = CliRunner.Run("sysfs", "--host", "ROOT/config/hosts/small-cxl.conf", "--script", script, "--keep-going");
            Assert.Equal(1, code);
            Assert.Contains($"hotplug-sh: {script}:1: bogus: command not found", output, StringComparison.Ordinal);
            Assert.Contains("$ cat /sys/devices/system/memory/block_size_bytes\n10000000\n", output, StringComparison.Ordinal);
            Assert.EndsWith($"error: {script}: 1 of 2 commands failed (lines 1)\n", output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public void Interactive_help_lists_the_verbs_and_help_verb_shows_one()
    {
        var settings = HostConfig.Read(Configuration.ConfigLoader.Load(Path.Combine(CliRunner.RepoRoot, "config", "hosts", "small-cxl.conf"), [], new Hocon.ConfigResolveOptions { UseEnvironment = false }));
        var output = new StringWriter { NewLine = "\n" };
        SysfsCommand.Interactive(new HostShell(HostConsoleFactory.Boot(settings)), new PlainLineSource(new StringReader("help\nhelp dimm\nhelp nope\n"), output), output);
        var text = output.ToString();
        Assert.Contains("# cat PATH...\necho [-n] VALUE > PATH\n", text, StringComparison.Ordinal);
        Assert.Contains("# dimm add SIZE [--node N]\ndimm eject NAME\n", text, StringComparison.Ordinal);
        Assert.Contains("help: no verb 'nope' (verbs: cat, echo, ls, dmesg, daxctl, dimm, workload, cxl, signal)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("command not found", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_host_fails_with_file_line_and_column()
    {
        var (code, output) = CliRunner.Run("sysfs", "--host", "ROOT/config/hosts/small-cxl.conf", "--set", "host.kernel.online-policy = sometimes", "--script", "ROOT/tests/scripts/mem-on-off-test.sh");
        Assert.Equal(Dispatch.BadInput, code);
        Assert.Equal("error: --set:1:29: host.kernel.online-policy: expected contig-zones | auto-movable, found 'sometimes'\n", output);
    }

    [Fact]
    public void Missing_script_is_an_error()
    {
        var (code, output) = CliRunner.Run("sysfs", "--host", "ROOT/config/hosts/small-cxl.conf", "--script", "ROOT/none.sh");
        Assert.Equal(2, code);
        Assert.Equal("error: ROOT/none.sh: No such file or directory\n", output);
    }

    [Fact]
    public void Interactive_mode_prompts_runs_each_line_and_stops_at_exit()
    {
        var settings = HostConfig.Read(Configuration.ConfigLoader.Load(Path.Combine(CliRunner.RepoRoot, "config", "hosts", "small-cxl.conf"), [], new Hocon.ConfigResolveOptions { UseEnvironment = false }));
        var shell = new HostShell(HostConsoleFactory.Boot(settings));
        var output = new StringWriter { NewLine = "\n" };
        var input = new StringReader("cat /sys/devices/system/memory/block_size_bytes\nbogus\necho x > /sys/devices/system/memory/memory256/state\nexit\ncat /never\n");
        Assert.Equal(0, SysfsCommand.Interactive(shell, new PlainLineSource(input, output), output));
        var lines = output.ToString().Split('\n');
        Assert.StartsWith("hotplug sysfs: cat PATH...", lines[0], StringComparison.Ordinal);
        Assert.Equal(
            [
                "# 10000000",
                "# hotplug-sh: bogus: command not found (the shell understands: " + ShellParser.Usage + ")",
                "# write error: Invalid argument (EINVAL)",
                "# ",
                string.Empty,
            ],
            lines[1..]);
    }
}
