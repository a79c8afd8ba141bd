using HotplugCluster.Hocon;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Simulation.Configuration;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Invariants;
using static HotplugCluster.Simulation.Tests.SimHosts;

namespace HotplugCluster.Simulation.Tests.Invariants;

/// <summary>
/// Boot DRAM with firmware holes (mm/memory_hotplug.c offline_pages(): "memory
/// holes"): the RAM resource splits around each hole, its pages are neither present nor managed, and the block holding
/// it refuses to go offline with -EINVAL while its neighbours go and come back.
/// </summary>
public sealed class MemoryHoleTests
{
    private const string Host = """
        host {
          kernel { memory-block-size = 128MiB }
          numa-nodes = [
            { id = 0, cpus = 4, dram = 4GiB, holes = [ { size = 4KiB }, { offset = 640KiB, size = 384KiB } ] }
            { id = 1, cpus = 0 }
          ]
        }
        """;

    private static HostSettings Read(string text) =>
        HostConfig.Read(ConfigFactory.ParseString(text, "host.conf").WithFallback(ConfigFactory.ParseString(File.ReadAllText(ReferenceConf), "reference.conf")).Resolve(new ConfigResolveOptions { UseEnvironment = false }));

    private static string ReferenceConf
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (!File.Exists(Path.Combine(dir!.FullName, "HotplugCluster.sln")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir.FullName, "config", "reference.conf");
        }
    }

    [Fact]
    public void Holes_split_System_RAM_and_are_neither_present_nor_managed()
    {
        var withHoles = KernelHost.Boot(Read(Host));
        var without = KernelHost.Boot(Read(Host.Replace(", holes = [ { size = 4KiB }, { offset = 640KiB, size = 384KiB } ]", "", StringComparison.Ordinal)
            .Replace("memory-block-size = 128MiB", "memory-block-size = 128MiB, pc-bios-holes = false", StringComparison.Ordinal)));

        var iomem = withHoles.Read("/proc/iomem").Content!;
        Assert.Contains("00001000-0009ffff : System RAM\n", iomem, StringComparison.Ordinal);
        Assert.Contains("00100000-ffffffff : System RAM\n", iomem, StringComparison.Ordinal);
        Assert.DoesNotContain("00000000-ffffffff : System RAM", iomem, StringComparison.Ordinal);
        // The 97 hole pages are not present; MemTotal does not move, since x86_64 memblock-reserves the whole first MiB
        // anyway (setup_arch(), arch/x86/kernel/setup.c): below 1 MiB nothing is managed, hole or not.
        Assert.Equal(without.State.Nodes[0].Present.Value - 97, withHoles.State.Nodes[0].Present.Value);
        Assert.Equal(new KernelConsole(without).NodeKb(0, "MemTotal"), new KernelConsole(withHoles).NodeKb(0, "MemTotal"));
        Assert.Empty(InvariantMonitor.Attach(withHoles).CheckNow());
    }

    [Fact]
    public void The_block_with_a_hole_cannot_go_offline_its_neighbour_can()
    {
        var host = KernelHost.Boot(Read(Host));
        var monitor = InvariantMonitor.Attach(host);

        Assert.Equal("EINVAL", host.Write("/sys/devices/system/memory/memory0/state", "offline").Error?.Name);
        Assert.Equal("online\n", host.Read("/sys/devices/system/memory/memory0/state").Content);
        Assert.Null(host.Write("/sys/devices/system/memory/memory1/state", "offline").Error);
        Assert.Null(host.Write("/sys/devices/system/memory/memory1/state", "online").Error);
        Assert.Empty(monitor.Violations);
    }

    [Fact]
    public void The_actor_host_refuses_the_same_offline_and_matches_the_sequential_model()
    {
        var settings = Read(Host);
        var kernel = KernelHost.Boot(settings);
        using var actors = SimulatedHost.Boot(settings);

        Assert.Equal(kernel.Write("/sys/devices/system/memory/memory0/state", "offline").Error, actors.Write("/sys/devices/system/memory/memory0/state", "offline").Error);
        Assert.Equal(kernel.Read("/proc/zoneinfo").Content, actors.Read("/proc/zoneinfo").Content);
        Assert.Equal(Kernel.Sysfs.SysfsTree.Snapshot(kernel.State), Kernel.Sysfs.SysfsTree.Snapshot(actors.State));
    }

    [Theory]
    [InlineData("{ offset = 127MiB, size = 2MiB }", "host.conf:4:59: host.numa-nodes[0].holes[0]: a hole must lie inside one memory block (128MiB) and leave it some RAM; make the node's dram smaller instead")]
    [InlineData("{ offset = 1000, size = 4KiB }", "host.conf:4:59: host.numa-nodes[0].holes[0]: offset 1000B and size 4KiB must be non-zero multiples of 4KiB")]
    [InlineData("{ offset = 4096MiB, size = 4KiB }", "host.conf:4:59: host.numa-nodes[0].holes[0]: offset 4GiB + size 4KiB goes past the node's DRAM (4GiB)")]
    [InlineData("{ offset = 15MiB, size = 2MiB }", "host.conf:4:59: host.numa-nodes[0].holes[0]: a hole must lie inside one zone (ZONE_DMA ends at 16MiB, ZONE_DMA32 at 4GiB)")]
    [InlineData("{ offset = 1MiB, size = 0 }", "host.conf:4:72: host.numa-nodes[0].holes[0].size: expected a positive size, found 0")]
    public void A_hole_that_cannot_exist_is_an_error_at_its_line(string hole, string message)
    {
        var text = $$"""
            host {
              kernel { memory-block-size = 128MiB }
              numa-nodes = [
                { id = 0, cpus = 4, dram = 4GiB, holes = [ {{hole}} ] }
              ]
            }
            """;

        var ex = Assert.ThrowsAny<Exception>(() => Read(text));

        Assert.Equal(message, ex.Message);
    }
}
