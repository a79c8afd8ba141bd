using HotplugCluster.Exploration.Scenarios;
using HotplugCluster.Hocon;
using HotplugCluster.Kernel.Faults;
using HotplugCluster.Simulation.Scenarios;
using HotplugCluster.Simulation.Shell;
using HotplugCluster.Simulation.Tests;

namespace HotplugCluster.Exploration.Tests.Scenarios;

/// <summary>Stress scenario files: lanes, setup, faults, expectations, and every kind of bad input named FILE:LINE:COL.</summary>
public sealed class StressScenarioConfigTests
{
    private const string Host = """
        host {
          kernel { memory-block-size = 256MiB }
          numa-nodes = [ { id = 0, cpus = 8, dram = 1GiB }, { id = 1, cpus = 0 } ]
          cxl-devices = [ { name = mem0, capacity = 1GiB, target-node = 1, base = 64GiB, mode = system-ram } ]
        }

        """;

    private static StressScenario Read(string body) => StressScenarioConfig.Read(TestRepo.Load(Host + body, "race.conf"), "race.conf");

    private static string Error(string body) => Assert.Throws<HoconException>(() => Read(body)).Message;

    [Fact]
    public void Shipped_stress_scenarios_cover_the_race_seeds_with_at_least_two_lanes_each()
    {
        var names = StressScenarios.Shipped().ToList();
        Assert.True(names.Count >= 8, string.Join(", ", names));
        foreach (var name in names)
        {
            var scenario = StressScenarios.Load(name);
            Assert.True(scenario.Lanes.Count >= 2, name);
            Assert.NotNull(scenario.Description);
        }
    }

    [Fact]
    public void Lanes_setup_faults_and_expectations_are_read_in_order()
    {
        var s = Read("""
            operations = [ "echo online_movable > /sys/devices/system/memory/memory256/state" ]
            faults = [ pcplist-page, signal-during-offline ]
            lanes = [
              { name = off, run = [ "echo offline > /sys/devices/system/memory/memory256/state", "cat /proc/iomem" ] }
              { run = [ "workload pin --node 1 --pages 10", "dimm add 1G --node 1" ] }
            ]
            expect = [ { path = /sys/devices/system/memory/memory256/state, one-of = [ online, offline ] } ]
            """);
        Assert.Single(s.Setup);
        Assert.Equal(["off", "lane1"], s.Lanes.Select(l => l.Name));
        Assert.IsType<EchoCommand>(s.Lanes[0].Commands[0].Command);
        Assert.IsType<CatCommand>(s.Lanes[0].Commands[1].Command);
        Assert.IsType<DimmAddCommand>(s.Lanes[1].Commands[1].Command);
        Assert.Equal(FaultSite.PcplistPage | FaultSite.SignalDuringOffline, s.Faults);
        var e = Assert.Single(s.Expectations);
        Assert.Null(e.Check("offline\n", null));
        Assert.Contains("expected \"online\" or \"offline\"", e.Check("going-offline\n", null), StringComparison.Ordinal);
    }

    [Fact]
    public void The_identity_changes_with_the_lanes_and_the_host_but_not_with_comments()
    {
        const string lanes = """lanes = [ { name = a, run = [ "cat /proc/iomem" ] } ]""";
        var a = Read(lanes);
        Assert.Equal(a.Identity, Read("# a comment\n" + lanes).Identity);
        Assert.NotEqual(a.Identity, Read("""lanes = [ { name = a, run = [ "cat /proc/meminfo" ] } ]""").Identity);
        Assert.NotEqual(a.Identity, Read(lanes + "\nhost.kernel.memmap-on-memory = on").Identity);
    }

    [Theory]
    [InlineData("""lanes = [ { name = a, run = [ "frobnicate /proc/iomem" ] } ]""", "race.conf:6:31: lanes[0].run[0]: ")]
    [InlineData("""lanes = [ { name = a, run = [ "echo 1 > /sys/devices/system/memory/memory256/stat" ] } ]""", "race.conf:6:31: lanes[0].run[0]: unknown path /sys/devices/system/memory/memory256/stat")]
    [InlineData("""lanes = [ { name = a, run = [ "cxl insert mem7" ] } ]""", "race.conf:6:31: 'cxl insert mem7': no CXL device mem7 in host.cxl-devices (declared: mem0)")]
    [InlineData("""lanes = [ { name = a, run = [ "cxl surprise-remove mem7" ] } ]""", "race.conf:6:31: 'cxl surprise-remove mem7': no CXL device mem7")]
    [InlineData("""lanes = [ { name = a, run = [ "cxl unplug mem0" ] } ]""", "race.conf:6:31: lanes[0].run[0]: cxl: expected `cxl insert MEMDEV`")]
    [InlineData("""lanes = [ { name = a, run = [ "signal b" ] } ]""", "race.conf:6:31: 'signal b': no lane named b (lanes: a)")]
    [InlineData("""lanes = [ { name = a, run = [ "signal a" ] } ]""", "race.conf:6:31: 'signal a': a lane cannot signal itself")]
    [InlineData("""lanes = [ { name = a, run = [ "signal" ] } ]""", "race.conf:6:31: lanes[0].run[0]: signal: expected `signal LANE`")]
    [InlineData("operations = [ \"signal a\" ]\nlanes = [ { name = a, run = [ \"cat /proc/iomem\" ] } ]", "race.conf:6:16: operations[0]: 'signal a': signal reaches another lane's operation")]
    [InlineData("lanes = [ { name = a, run = [ \"cat /proc/iomem\" ] } ]\nfaults = [ cosmic-ray ]", "race.conf:7:12: faults[0]: unknown fault site 'cosmic-ray' (known: allocation-failure, notifier-veto, pcplist-page, signal-during-offline)")]
    [InlineData("lanes = [ { name = a, run = [ \"cat /proc/iomem\" ] } ]\nexpect = [ { path = /proc/iomem } ]", "race.conf:7:12: expect[0]: give exactly one of equals, one-of, contains")]
    [InlineData("lanes = [ { name = a } ]", "race.conf:6:11: lanes[0]: missing setting run")]
    [InlineData("operations = [ \"cat /proc/iomem\" ]", "race.conf:1:1: lanes: missing setting")]
    public void Bad_input_is_named_by_file_line_and_column(string body, string expected) =>
        Assert.StartsWith(expected, Error(body), StringComparison.Ordinal);

    [Fact]
    public void Daxctl_cxl_and_signal_verbs_are_lane_commands()
    {
        var s = Read("""
            operations = [ "cxl remove mem0", "cxl insert mem0" ]
            lanes = [
              { name = a, run = [ "daxctl reconfigure-device -m devdax -f dax0.0", "daxctl online-memory dax0.0", "daxctl offline-memory dax0.0" ] }
              { name = b, run = [ "cxl surprise-remove mem0", "signal a" ] }
            ]
            expect = [ { path = dmesg, contains = "kmem" } ]
            """);
        Assert.IsType<DaxctlReconfigureCommand>(s.Lanes[0].Commands[0].Command);
        Assert.Equal(new CxlRemoveCommand("cxl surprise-remove mem0", "mem0", Surprise: true), s.Lanes[1].Commands[0].Command);
        Assert.Equal(new SignalCommand("signal a", "a"), s.Lanes[1].Commands[1].Command);
        Assert.Equal(new CxlInsertCommand("cxl insert mem0", "mem0"), s.Setup[1].Command);
        Assert.Equal(Expectation.DmesgPath, s.Expectations[0].Path);
    }

    [Fact]
    public void An_unknown_bug_switch_is_named_by_file_line_and_column()
    {
        var message = Error("lanes = [ { name = a, run = [ \"cat /proc/iomem\" ] } ]\nhost.kernel.bugs = [ no-such-bug ]");
        Assert.StartsWith("race.conf:7:", message, StringComparison.Ordinal);
        Assert.Contains("no-such-bug", message, StringComparison.Ordinal);
    }
}
