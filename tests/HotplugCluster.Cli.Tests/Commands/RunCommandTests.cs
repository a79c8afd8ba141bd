using Xunit;

namespace HotplugCluster.Cli.Tests.Commands;

/// <summary><c>hotplug run SCENARIO</c>, checked against golden files (Golden/run-*.txt).</summary>
public sealed class RunCommandTests
{
    [Fact]
    public void Run_quickstart_prints_golden_output()
    {
        var (code, output) = CliRunner.Run("run", "ROOT/config/scenarios/quickstart.conf", "--no-journal");
        Assert.Equal(0, code);
        CliRunner.AssertGolden("run-quickstart.txt", output);
    }

    [Fact]
    public void Run_with_set_overrides_the_host()
    {
        // memmap-on-memory off: each block onlines whole (262144 kB) and node 0 pays 4 MiB per block at add, less device_dax's
        // own 4 MiB memmap, plus 52 kB of the kernel's own slab and page tables (docs/kernel-model.md, "Accounting rules",
        // "The kernel's own allocations").
        var (code, output) = CliRunner.Run("run", "ROOT/config/scenarios/quickstart.conf", "--no-journal", "--set", "host.kernel.memmap-on-memory = off");
        Assert.Equal(0, code);
        Assert.Contains("    meminfo: node0 MemFree -12340 kB, node0 MemUsed +12340 kB\n", output, StringComparison.Ordinal);
        Assert.Contains("    meminfo: node1 MemTotal +1048576 kB, node1 MemFree +1048576 kB\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_of_an_impossible_host_fails_before_anything_runs()
    {
        var (code, output) = CliRunner.Run("run", "ROOT/config/scenarios/quickstart.conf", "--no-journal", "--set", "host.cxl-devices = [ { capacity = 300MiB, target-node = 1 } ]");
        Assert.Equal(Dispatch.BadInput, code);
        Assert.Equal("error: --set:1:35: host.cxl-devices[0].capacity: 300MiB is not a positive multiple of 256MiB x 1 way(s) (alloc_hpa)\n", output);
    }

    [Fact]
    public void Run_of_a_bad_operation_names_its_line_and_column()
    {
        var (code, output) = CliRunner.Run("run", "ROOT/tests/HotplugCluster.Cli.Tests/Golden/run-bad-scenario.conf");
        Assert.Equal(Dispatch.BadInput, code);
        Assert.Equal("error: ROOT/tests/HotplugCluster.Cli.Tests/Golden/run-bad-scenario.conf:4:3: operations[1]: echo: expected `echo [-n] VALUE > PATH` (one redirection, then the path)\n", output);
    }

    [Fact]
    public void Run_of_a_missing_file_is_an_error()
    {
        var (code, output) = CliRunner.Run("run", "ROOT/nope.conf");
        Assert.Equal(Dispatch.BadInput, code);
        Assert.Equal("error: ROOT/nope.conf:1:1: expected a configuration file here, but it does not exist\n", output);
    }

    [Fact]
    public void Readme_shows_the_quickstart_command_and_an_excerpt_of_its_output()
    {
        var readme = File.ReadAllText(Path.Combine(CliRunner.RepoRoot, "README.md"));
        Assert.Contains("dotnet run -c Release --project src/HotplugCluster.Cli -- run config/scenarios/quickstart.conf", readme, StringComparison.Ordinal);
        var start = readme.IndexOf("```text\n", StringComparison.Ordinal) + "```text\n".Length;
        var excerpt = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        var (_, output) = CliRunner.Run("run", "ROOT/config/scenarios/quickstart.conf", "--no-journal");
        Assert.Contains(excerpt.Replace("config/scenarios/quickstart.conf", "ROOT/config/scenarios/quickstart.conf", StringComparison.Ordinal), output, StringComparison.Ordinal);
    }
}
