using HotplugCluster.Simulation.Shell;

namespace HotplugCluster.Simulation.Tests.Shell;

/// <summary>
/// daxctl's option handling: ndctl util/parse-options.c (<c>parse_options_step()</c>, <c>parse_long_opt()</c>,
/// <c>usage_with_options_internal()</c>), util/usage.c's "  Error: " prefix, daxctl/list.c <c>cmd_list()</c> and
/// daxctl/device.c <c>parse_device_options()</c> (ndctl v76).
/// </summary>
public sealed class DaxctlOptionParserTests
{
    private static DaxctlUsageCommand Refused(string line) => Assert.IsType<DaxctlUsageCommand>(ShellParser.Parse(line));

    [Theory]
    [InlineData("daxctl list", null, null, true, false)]
    [InlineData("daxctl list -R", null, null, false, true)]
    [InlineData("daxctl list -RD", null, null, true, true)]
    [InlineData("daxctl list --regions --devices", null, null, true, true)]
    [InlineData("daxctl list -r 0", null, "0", false, true)]
    [InlineData("daxctl list --region=region0 -d 0.0", "0.0", "region0", true, true)]
    [InlineData("daxctl list --dev=dax0.1", "dax0.1", null, true, false)]
    [InlineData("daxctl list -ddax0.1", "dax0.1", null, true, false)]
    [InlineData("daxctl list --devi", null, null, true, false)]
    [InlineData("daxctl list -R --no-regions", null, null, true, false)]
    public void List_classes_default_to_devices_or_to_the_filters_given(string line, string? dev, string? region, bool devices, bool regions)
    {
        var c = Assert.IsType<DaxctlListCommand>(ShellParser.Parse(line));
        Assert.Equal((dev, region, devices, regions), (c.Device, c.Region, c.Devices, c.Regions));
    }

    [Fact]
    public void List_takes_mappings_idle_and_human_short_and_long()
    {
        var c = Assert.IsType<DaxctlListCommand>(ShellParser.Parse("daxctl list -Miu"));
        Assert.True(c.Mappings && c.Idle && c.Human);
        Assert.Equal(c with { Text = "x" }, Assert.IsType<DaxctlListCommand>(ShellParser.Parse("daxctl list --mappings --idle --human")) with { Text = "x" });
    }

    [Fact]
    public void Unknown_switch_prints_the_error_and_the_whole_usage_and_exits_129()
    {
        var c = Refused("daxctl online-memory -x dax0.0");
        Assert.Equal(129, c.Status);
        Assert.Equal(
            "  Error: unknown switch `x'\n"
            + "\n usage: daxctl online-memory <device> [<options>]\n\n"
            + "    -r, --region <region-id>\n"
            + "                          filter by region\n"
            + "    -u, --human           use human friendly number formats\n"
            + "    -v, --verbose         emit more debug messages\n"
            + "        --no-movable      online memory in ZONE_NORMAL\n"
            + "\n",
            c.Output);
    }

    [Theory]
    [InlineData("daxctl list --bogus", "  Error: unknown option `bogus'\n")]
    [InlineData("daxctl list extra", "  Error: unknown parameter \"extra\"\n\n")]
    [InlineData("daxctl reconfigure-device dax0.0", "error: a 'align', 'mode' or 'size' option is required\n")]
    [InlineData("daxctl reconfigure-device -N -m devdax dax0.0", "--no-online is incompatible with --mode=devdax\n")]
    [InlineData("daxctl reconfigure-device -m devdax", "specify a device to reconfigure, or \"all\"\n")]
    [InlineData("daxctl offline-memory dax0.0 dax0.1", "unknown extra parameter \"dax0.1\"\n")]
    [InlineData("daxctl enable-device", "specify a device to disable, or \"all\"\n")]
    [InlineData("daxctl destroy-device", "specify a device to destroy, or \"all\"\n")]
    public void Refusals_print_daxctl_message_before_the_usage(string line, string message)
    {
        var c = Refused(line);
        Assert.Equal(129, c.Status);
        Assert.StartsWith(message + "\n usage: daxctl ", c.Output, StringComparison.Ordinal);
        Assert.EndsWith("\n\n", c.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("daxctl list -d", "  Error: switch `d' requires a value\n\n usage: daxctl list [<options>]\n\n    -d, --dev <dev-id>    filter by dax device instance name\n")]
    [InlineData("daxctl list --idle=1", "  Error: option `idle' takes no value\n\n usage: daxctl list [<options>]\n\n    -i, --idle            include idle devices\n")]
    [InlineData("daxctl list --de", "  Error: Ambiguous option: de (could be --dev or --devices)\n\n usage: daxctl list [<options>]\n\n")]
    [InlineData("daxctl list -idle", "  Error: did you mean `--idle` (with two dashes ?)\n")]
    public void Option_errors_print_the_one_option_concerned(string line, string output) =>
        Assert.Equal(output, Refused(line).Output);

    [Fact]
    public void Reconfigure_takes_sizes_with_suffixes_and_the_base_options()
    {
        var c = Assert.IsType<DaxctlReconfigureCommand>(ShellParser.Parse("daxctl reconfigure-device -s 512M -a 0x200000 -r 0 -u -v dax0.0"));
        Assert.Equal((512L << 20, 2L << 20, null as string), (c.Size, c.Align, c.Mode));
        Assert.Equal(new DaxctlCommonOptions("0", true, true), c.Common);

        // __parse_size64() (util/size.c): a suffix it does not know is ULLONG_MAX, which daxctl's `long long` reads as -1.
        Assert.Equal(-1, Assert.IsType<DaxctlReconfigureCommand>(ShellParser.Parse("daxctl reconfigure-device -s 1Q dax0.0")).Size);
    }

    [Fact]
    public void Create_and_destroy_take_their_own_options()
    {
        Assert.Equal(new DaxctlCreateCommand("daxctl create-device -s 1G -r region0", 1L << 30, -1, new("region0", false, false)),
            ShellParser.Parse("daxctl create-device -s 1G -r region0"));
        Assert.Equal(new DaxctlDestroyCommand("daxctl destroy-device -f dax0.1", "dax0.1", true, DaxctlCommonOptions.None),
            ShellParser.Parse("daxctl destroy-device -f dax0.1"));
        Assert.Equal(new DaxctlEnableCommand("daxctl disable-device all", "all", true, DaxctlCommonOptions.None), ShellParser.Parse("daxctl disable-device all"));
    }

    [Fact]
    public void A_refused_command_runs_as_its_output_and_status_in_the_shell()
    {
        var shell = new HostShell(new RecordingConsole(TestRepo.Boot("host { numa-nodes = [ { cpus = 1, dram = 1GiB } ] }")));
        var output = new StringWriter { NewLine = "\n" };
        Assert.Equal(129, shell.ExecuteLine("daxctl list -R -x", output));
        Assert.StartsWith("  Error: unknown switch `x'\n\n usage: daxctl list [<options>]\n", output.ToString(), StringComparison.Ordinal);
    }
}
