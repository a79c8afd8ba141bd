using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Simulation.Configuration;
using HotplugCluster.Simulation.Shell;

namespace HotplugCluster.Simulation.Tests.Configuration;

/// <summary>Reading host { … } over reference.conf's hotplug.host defaults (issue 4 item 3).</summary>
public sealed class HostConfigTests
{
    [Fact]
    public void Read_takes_every_setting_of_the_issue_example()
    {
        var settings = TestRepo.Host("""
            host {
              kernel {
                memory-block-size = 256MiB
                memmap-on-memory = force
                auto-online-blocks = online_movable
                online-policy = auto-movable
                auto-movable-ratio = 150
                auto-movable-numa-aware = false
                movable-node = true
                version = 6.8
                hypervisor = true
                bugs = [ unpaired-mem-hotplug-begin-on-remove ]
              }
              numa-nodes = [ { id = 0, cpus = 8, dram = 16GiB }, { id = 1, cpus = 0 } ]
              cxl-devices = [ { name = mem0, capacity = 4GiB, target-node = 1, base = 64GiB, mode = devdax, interleave-ways = 2 } ]
            }
            """);
        Assert.Equal(
            new KernelSettings(ByteSize.FromMiB(256), MemmapOnMemoryMode.Force, OnlineType.OnlineMovable, OnlinePolicy.AutoMovable, 150, false, true,
                KernelVersion.V6_8, true, KernelBugs.UnpairedMemHotplugBeginOnRemove),
            settings.Kernel);
        Assert.Equal([new NumaNodeSettings(0, 8, ByteSize.FromGiB(16)), new NumaNodeSettings(1, 0, ByteSize.Zero)], settings.NumaNodes.ToArray());
        Assert.Equal([new CxlDeviceSettings("mem0", ByteSize.FromGiB(4), 1, new PhysAddr(64UL << 30), CxlDeviceMode.Devdax, 2)], settings.CxlDevices.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("host {}")]
    public void Read_without_settings_gives_reference_conf_defaults(string hocon)
    {
        var settings = TestRepo.Host(hocon);
        Assert.Equal(KernelSettings.Default, settings.Kernel);
        Assert.Equal([new NumaNodeSettings(0, 8, ByteSize.FromGiB(16))], settings.NumaNodes.ToArray());
        Assert.Empty(settings.CxlDevices);
    }

    [Fact]
    public void Read_fills_entry_defaults_auto_ids_names_and_bases()
    {
        var settings = TestRepo.Host("""
            host.kernel.version = "6.1"
            host.numa-nodes = [ { cpus = 4, dram = 8GiB }, {}, {} ]
            host.cxl-devices = [ { capacity = 1GiB, target-node = 1 }, { capacity = 2GiB, target-node = 2 } ]
            """);
        Assert.Equal(KernelVersion.V6_1, settings.Kernel.Version);
        Assert.Equal([0, 1, 2], settings.NumaNodes.Select(n => n.Id));
        Assert.Equal(["mem0", "mem1"], settings.CxlDevices.Select(d => d.Name));
        Assert.All(settings.CxlDevices, d => Assert.Null(d.Base));
        Assert.All(settings.CxlDevices, d => Assert.Equal((CxlDeviceMode.SystemRam, 1), (d.Mode, d.InterleaveWays)));
    }

    [Theory]
    [InlineData("\"6.12\"", KernelVersion.V6_12)]
    [InlineData("6.12", KernelVersion.V6_12)]
    [InlineData("\"6.8\"", KernelVersion.V6_8)]
    public void Read_accepts_the_kernel_versions_the_model_has(string version, KernelVersion expected) =>
        Assert.Equal(expected, TestRepo.Host($"host.kernel.version = {version}").Kernel.Version);

    [Fact]
    public void Read_accepts_every_KernelBugs_member_by_its_kebab_case_name()
    {
        foreach (var bug in Enum.GetValues<KernelBugs>().Where(b => b != KernelBugs.None))
        {
            var name = KebabCase.Of(bug.ToString());
            Assert.Equal(bug, TestRepo.Host($"host.kernel.bugs = [ {name} ]").Kernel.Bugs);
        }

        Assert.Equal(Enum.GetValues<KernelBugs>().Length - 1, KernelConfig.BugNames.Length);
    }

    [Theory]
    [InlineData("UnpairedMemHotplugBeginOnRemove", "unpaired-mem-hotplug-begin-on-remove")]
    [InlineData("MissingLockInOnlinePages", "missing-lock-in-online-pages")]
    [InlineData("ACPIEjectRace", "acpi-eject-race")]
    [InlineData("Pre68Altmap", "pre-68-altmap")]
    [InlineData("X", "x")]
    public void KebabCase_splits_words_acronyms_and_numbers(string pascal, string kebab) => Assert.Equal(kebab, KebabCase.Of(pascal));

    [Theory]
    [InlineData("config/hosts/small-cxl.conf", "10000000", 16)]
    [InlineData("config/hosts/2g-blocks.conf", "80000000", 1)]
    [InlineData("config/hosts/kernel-6.1.conf", "10000000", 0)]
    public void Shipped_host_files_boot(string file, string blockSizeHex, int kmemBlocks)
    {
        var console = KernelHostConsole.Boot(HostConfig.Read(TestRepo.LoadFile(file)));
        Assert.Equal(blockSizeHex + "\n", console.Read("/sys/devices/system/memory/block_size_bytes").Content);
        Assert.Equal(kmemBlocks, (console.List("/sys/devices/system/node/node1") ?? []).Count(n => n.StartsWith("memory", StringComparison.Ordinal)));
    }

    [Fact]
    public void Two_GiB_block_host_truncates_the_unaligned_window_and_says_so()
    {
        var console = KernelHostConsole.Boot(HostConfig.Read(TestRepo.LoadFile("config/hosts/2g-blocks.conf")));
        Assert.Equal(["kmem dax0.0: DAX region truncated by 2.00 GiB due to alignment"], console.State.Dmesg.Lines);
    }
}
