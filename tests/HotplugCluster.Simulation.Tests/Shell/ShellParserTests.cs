using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Workload;
using HotplugCluster.Kernel.Zones;
using HotplugCluster.Simulation.Shell;

namespace HotplugCluster.Simulation.Tests.Shell;

/// <summary>The shell language: words, quotes, comments, redirection and each verb's options.</summary>
public sealed class ShellParserTests
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("# only a comment")]
    [InlineData("  # indented comment")]
    public void Blank_lines_and_comments_parse_to_nothing(string line) => Assert.Null(ShellParser.Parse(line));

    [Theory]
    [InlineData("echo online > /p", "online", false, "/p")]
    [InlineData("echo -n 1 >/p", "1", true, "/p")]
    [InlineData("echo 'a > b' > /p", "a > b", false, "/p")]
    [InlineData("echo \"x\\\"y\" > /p # why", "x\"y", false, "/p")]
    [InlineData("echo a#b > /p", "a#b", false, "/p")]
    [InlineData("echo > /p", "", false, "/p")]
    public void Echo_parses_value_flag_and_path(string line, string value, bool noNewline, string path)
    {
        var echo = Assert.IsType<EchoCommand>(ShellParser.Parse(line));
        Assert.Equal((value, noNewline, path), (echo.Value, echo.NoNewline, echo.Path));
    }

    [Theory]
    [InlineData("echo 1", "echo: expected `echo [-n] VALUE > PATH` (one redirection, then the path)")]
    [InlineData("echo 1 > /a > /b", "echo: expected `echo [-n] VALUE > PATH` (one redirection, then the path)")]
    [InlineData("cat", "cat: expected a PATH")]
    [InlineData("cat /a > /b", "cat: redirection is only supported for echo")]
    [InlineData("ls /a /b", "ls: expected exactly one PATH")]
    [InlineData("dmesg -T", "dmesg: expected `dmesg` or `dmesg -c`")]
    [InlineData("echo 'open > /p", "unterminated quote '")]
    [InlineData("daxctl migrate-device-model", "daxctl: expected list, reconfigure-device, online-memory, offline-memory, create-device, destroy-device, enable-device or disable-device")]
    [InlineData("dimm add", "dimm add: expected one SIZE, found none")]
    [InlineData("dimm add 1Q", "'1Q' is not a size (e.g. 1G, 512MiB, 268435456)")]
    [InlineData("dimm add 1G --node x", "dimm add: --node expects a number >= 0, found 'x'")]
    [InlineData("dimm remove 00", "dimm: expected `dimm add SIZE [--node N]` or `dimm eject NAME`")]
    [InlineData("workload alloc --pages 1", "workload alloc: --node N is required")]
    [InlineData("workload alloc --node 1", "workload alloc: --pages P is required")]
    [InlineData("workload alloc --node 1 --pages 0", "workload alloc: --pages must be positive, found 0")]
    [InlineData("workload alloc --node 1 --pages 5 --kind sticky", "workload alloc: --kind is movable, unmovable or pinned, found 'sticky'")]
    [InlineData("workload alloc --node 1 --pages 5 --zone HighMem", "workload alloc: --zone is DMA32, Normal or Movable, found 'HighMem'")]
    [InlineData("workload pin --node 1 --pages 5 --kind movable", "workload pin: --kind does not apply (the pages are pinned)")]
    [InlineData("workload free --node 1 --pages 5 --zone Normal", "workload free: --zone does not apply")]
    [InlineData("workload sleep", "workload: expected alloc, pin, free or unpin")]
    public void Bad_syntax_is_a_FormatException_naming_the_verb(string line, string message) =>
        Assert.Equal(message, Assert.Throws<FormatException>(() => ShellParser.Parse(line)).Message);

    [Fact]
    public void Unknown_command_lists_the_verbs()
    {
        var e = Assert.Throws<FormatException>(() => ShellParser.Parse("rm -rf /"));
        Assert.StartsWith("rm: command not found (the shell understands: cat PATH...", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Daxctl_options_parse_in_any_order_and_combined()
    {
        Assert.Equal(
            new DaxctlReconfigureCommand("daxctl reconfigure-device dax0.0 --mode=system-ram -fN --no-movable", "system-ram", true, true, true, "dax0.0", Common: DaxctlCommonOptions.None),
            ShellParser.Parse("daxctl reconfigure-device dax0.0 --mode=system-ram -fN --no-movable"));
        Assert.Equal(new DaxctlOnlineCommand("daxctl online-memory --no-movable all", true, "all", DaxctlCommonOptions.None), ShellParser.Parse("daxctl online-memory --no-movable all"));
        Assert.Equal(new DaxctlListCommand("daxctl list -i -d dax1.0", "dax1.0", true, Devices: true), ShellParser.Parse("daxctl list -i -d dax1.0"));
    }

    [Fact]
    public void Dimm_and_workload_verbs_parse_their_options()
    {
        Assert.Equal(new DimmAddCommand("dimm add 2GiB --node 1", ByteSize.FromGiB(2), 1), ShellParser.Parse("dimm add 2GiB --node 1"));
        Assert.Equal(new DimmEjectCommand("dimm eject 01", "01"), ShellParser.Parse("dimm eject 01"));
        Assert.Equal(
            new WorkloadAllocCommand("workload alloc --node 1 --pages 1000 --kind unmovable --zone Normal", 1, PageKind.Unmovable, new PageCount(1000), ZoneType.Normal),
            ShellParser.Parse("workload alloc --node 1 --pages 1000 --kind unmovable --zone Normal"));
        Assert.Equal(new WorkloadFreeCommand("workload unpin --node 0 --pages 3", 0, PageKind.Pinned, new PageCount(3)), ShellParser.Parse("workload unpin --node 0 --pages 3"));
    }

    [Theory]
    [InlineData("268435456", 268435456UL)]
    [InlineData("256M", 268435456UL)]
    [InlineData("256MiB", 268435456UL)]
    [InlineData("1G", 1073741824UL)]
    [InlineData("2GiB", 2147483648UL)]
    [InlineData("1T", 1099511627776UL)]
    public void Sizes_use_powers_of_1024(string text, ulong bytes) => Assert.Equal(bytes, ShellParser.ParseSize(text).Bytes);
}
