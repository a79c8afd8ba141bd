using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Settings;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Sysfs;

/// <summary>
/// tools/testing/selftests/memory-hotplug/mem-on-off-test.sh against the simulated sysfs:
/// hot-pluggable blocks are the ones with removable == 1, ratio 10%, injected error -12.
/// </summary>
public sealed class MemOnOffSelftestTests
{
    private const string Inject = "/sys/kernel/debug/notifier-error-inject/memory/actions";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Selftest_phases_behave_as_the_script_expects(int seed)
    {
        var host = Boot(MiB(256), MemmapOnMemoryMode.On, autoOnline: OnlineType.Offline);
        var random = new Random(seed);
        var hotpluggable = host.List("/sys/devices/system/memory")!
            .Where(n => n.StartsWith("memory", StringComparison.Ordinal))
            .Where(n => host.Read($"/sys/devices/system/memory/{n}/removable").Content == "1\n")
            .ToList();

        // Phase 1: online all offline blocks, offline ~10% of the online ones, online them again.
        foreach (var b in Offline(host, hotpluggable))
        {
            Assert.True(Write(host, b, "online").Ok);
            Assert.Equal("online\n", State(host, b));
        }

        foreach (var b in Online(host, hotpluggable).Where(_ => random.Next(100) < 10))
        {
            // Boot blocks holding memblock reservations legitimately refuse (the script only prints).
            var result = Write(host, b, "offline");
            Assert.Equal(result.Ok ? "offline\n" : "online\n", State(host, b));
        }

        foreach (var b in Offline(host, hotpluggable))
        {
            Assert.True(Write(host, b, "online").Ok);
        }

        // Phase 2: notifier error injection.
        Assert.True(host.Write($"{Inject}/MEM_GOING_OFFLINE/error", "0").Ok);
        var cxl = hotpluggable.Where(b => host.State.Blocks[new Units.BlockId(uint.Parse(b[6..]))].Nid.Value == 1).ToList();
        foreach (var b in cxl.Where(_ => random.Next(100) < 50))
        {
            Assert.True(Write(host, b, "offline").Ok);
        }

        Assert.True(host.Write($"{Inject}/MEM_GOING_ONLINE/error", "-12").Ok);
        foreach (var b in Offline(host, hotpluggable))
        {
            Assert.Equal(Errno.ENOMEM, Write(host, b, "online").Error);
            Assert.Equal("offline\n", State(host, b));
        }

        Assert.True(host.Write($"{Inject}/MEM_GOING_ONLINE/error", "0").Ok);
        foreach (var b in Offline(host, hotpluggable))
        {
            Assert.True(Write(host, b, "online").Ok);
        }

        Assert.True(host.Write($"{Inject}/MEM_GOING_OFFLINE/error", "-12").Ok);
        foreach (var b in Online(host, cxl))
        {
            Assert.Equal(Errno.ENOMEM, Write(host, b, "offline").Error);
            Assert.Equal("online\n", State(host, b));
        }

        Assert.True(host.Write($"{Inject}/MEM_GOING_OFFLINE/error", "0").Ok);
    }

    private static Kernel.Sysfs.SysfsWrite Write(KernelHost host, string block, string value) =>
        host.Write($"/sys/devices/system/memory/{block}/state", value + "\n");

    private static string? State(KernelHost host, string block) => host.Read($"/sys/devices/system/memory/{block}/state").Content;

    private static List<string> Offline(KernelHost host, List<string> blocks) => blocks.Where(b => State(host, b) == "offline\n").ToList();

    private static List<string> Online(KernelHost host, List<string> blocks) => blocks.Where(b => State(host, b) == "online\n").ToList();
}
