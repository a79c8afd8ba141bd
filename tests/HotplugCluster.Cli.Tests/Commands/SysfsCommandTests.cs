using HotplugCluster.Cli.Commands;
using HotplugCluster.Cli.Hosts;
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
    public void Script_prints_the_transcript_checked_in_beside_it(string host, string script)
    {
        var (code, output) = CliRunner.Run("sysfs", "--host", $"ROOT/{host}", "--script", $"ROOT/tests/scripts/{script}.sh");
        Assert.Equal(0, code);
        Assert.Equal(File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "tests", "scripts", $"{script}.expected")), output);
    }

    [Fact]
    public void Script_with_bad_syntax_exits_2_naming_the_line()
    {
        var (code, output) = CliRunner.Run("sysfs", "--host", "ROOT/config/hosts/small-cxl.conf", "--script", "ROOT/tests/HotplugCluster.Cli.Tests/Golden/sysfs-bad-script.sh");
        Assert.Equal(2, code);
        Assert.Equal("error: ROOT/tests/HotplugCluster.Cli.Tests/Golden/sysfs-bad-script.sh:3: echo: expected `echo [-n] VALUE > PATH` (one redirection, then the path)\n", output);
    }

    [Fact]
    public void Malformed_host_fails_with_file_line_and_column()
    {
        var (code, output) = CliRunner.Run("sysfs", "--host", "ROOT/config/hosts/small-cxl.conf", "--set", "host.kernel.online-policy = sometimes", "--script", "ROOT/tests/scripts/mem-on-off-test.sh");
        Assert.Equal(1, code);
        Assert.Equal("error: --set:1:29: host.kernel.online-policy: expected contig-zones | auto-movable, found 'sometimes'\n", output);
    }

    [Fact]
    public void Missing_script_is_an_error()
    {
        var (code, output) = CliRunner.Run("sysfs", "--host", "ROOT/config/hosts/small-cxl.conf", "--script", "ROOT/none.sh");
        Assert.Equal(1, code);
        Assert.Equal("error: ROOT/none.sh: No such file or directory\n", output);
    }

    [Fact]
    public void Interactive_mode_prompts_runs_each_line_and_stops_at_exit()
    {
        var settings = HostConfig.Read(Configuration.ConfigLoader.Load(Path.Combine(CliRunner.RepoRoot, "config", "hosts", "small-cxl.conf"), [], new Hocon.ConfigResolveOptions { UseEnvironment = false }));
        var shell = new HostShell(HostConsoleFactory.Boot(settings));
        var output = new StringWriter { NewLine = "\n" };
        var input = new StringReader("cat /sys/devices/system/memory/block_size_bytes\nbogus\necho x > /sys/devices/system/memory/memory256/state\nexit\ncat /never\n");
        Assert.Equal(0, SysfsCommand.Interactive(shell, input, output));
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
