using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Operations;

/// <summary>
/// add_memory*/remove_memory/offline_and_remove_memory and ACPI DIMMs (mm/memory_hotplug.c,
/// drivers/acpi/acpi_memhotplug.c).
/// </summary>
public sealed class AddRemoveMemoryTests
{
    private static readonly PhysAddr Dimm = new(32UL << 30);

    private static AddMemory Add(PhysAddr start, ByteSize size, Mhp flags = Mhp.None, int node = 0, int? failAt = null) =>
        new(new AddMemoryRequest(AddMemoryVariant.AddMemory, node, start, size, "System RAM", flags, failAt));

    [Theory]
    // mm/memory_hotplug.c: register_memory_resource() runs first: mhp_range_allowed() needs start < end, so a
    // zero size is -E2BIG before check_hotplug_memory_range() could say -EINVAL; overlaps are -EEXIST.
    [InlineData(0x8_0000_0000UL, 0UL, "E2BIG")]
    [InlineData(0x8_0100_0000UL, 0x1000_0000UL, "EINVAL")]
    [InlineData(0x8_0000_0000UL, 0x0800_0000UL, "EINVAL")]
    [InlineData(0x1_0000_0000UL, 0x1000_0000UL, "EEXIST")]
    [InlineData(0x3FFF_F000_0000UL, 0x2000_0000UL, "E2BIG")]
    public void Add_memory_rejects_bad_ranges(ulong start, ulong size, string errno)
    {
        var host = Boot(MiB(256), cxlGiB: 0);
        var op = host.Run(Add(new PhysAddr(start), new ByteSize(size)));
        Assert.Equal(errno, op.Error?.Name);
        Assert.DoesNotContain("System RAM\n", host.Read("/proc/iomem").Content!.Split('\n').Skip(1).Select(l => l + "\n"));
    }

    [Fact]
    public void Add_memory_is_all_or_nothing_when_a_block_fails_midway()
    {
        // create_altmaps_and_memory_blocks(): remove_memory_blocks_and_altmaps() rolls back the blocks already added;
        // the resource is released.
        var host = Boot(MiB(256), MemmapOnMemoryMode.On, cxlGiB: 0);
        var iomem = host.Read("/proc/iomem").Content;
        var op = host.Run(Add(Dimm, GiB(1), Mhp.MemmapOnMemory, failAt: 2));
        Assert.Equal(Errno.ENOMEM, op.Error);
        Assert.DoesNotContain(host.BlocksOf(0), b => b >= 128);
        Assert.Equal(iomem, host.Read("/proc/iomem").Content);
    }

    [Fact]
    public void Add_memory_auto_onlines_with_the_default_type_read_at_add_time()
    {
        var host = Boot(MiB(256), cxlGiB: 0, autoOnline: OnlineType.OnlineMovable);
        Assert.Null(host.Run(Add(Dimm, GiB(1))).Error);
        Assert.All(host.BlocksOf(0).Where(b => b >= 128), b => Assert.Equal("Movable\n", host.Read(Block(b, "valid_zones")).Content));
    }

    [Fact]
    public void Multi_block_add_with_the_flag_gets_per_block_altmaps_on_6_8_and_fails_on_6_1()
    {
        // mhp_supports_memmap_on_memory(): v6.8 splits per block; v6.1 supports only size == block size and fails with
        // -EINVAL.
        var host68 = Boot(MiB(256), MemmapOnMemoryMode.On, cxlGiB: 0);
        Assert.Null(host68.Run(Add(Dimm, GiB(1), Mhp.MemmapOnMemory)).Error);
        Assert.All(host68.BlocksOf(0).Where(b => b >= 128), b => Assert.True(host68.State.Blocks[new BlockId(b)].HasAltmap));

        var host61 = Boot(MiB(256), MemmapOnMemoryMode.On, cxlGiB: 0, version: KernelVersion.V6_1);
        Assert.Equal(Errno.EINVAL, host61.Run(Add(Dimm, GiB(1), Mhp.MemmapOnMemory)).Error);
        Assert.Null(host61.Run(Add(Dimm, MiB(256), Mhp.MemmapOnMemory)).Error);
        Assert.True(host61.State.Blocks[new BlockId(128)].HasAltmap);
    }

    [Fact]
    public void Offline_and_remove_memory_reonlines_with_the_old_types_on_failure()
    {
        var host = Boot(MiB(256), cxlGiB: 0);
        Assert.Null(host.Run(Add(Dimm, GiB(1))).Error);
        Assert.True(host.Write(Block(128, "state"), "online_movable").Ok);
        Assert.True(host.Write(Block(129, "state"), "online_kernel").Ok);
        Assert.Null(host.Run(new WorkloadAllocate(new NodeId(0), Kernel.Workload.PageKind.Unmovable, new PageCount(1), Zones.ZoneType.Normal)).Error);
        var busy = host.State.Blocks.Registered().Last(b => b.UnmovablePages > 0).Id.Value;
        Assert.Equal(129u, busy);
        var op = host.Run(new OfflineAndRemoveMemory(Dimm, GiB(1)));
        Assert.Equal(Errno.EBUSY, op.Error);
        Assert.Equal("Movable\n", host.Read(Block(128, "valid_zones")).Content);
        Assert.Equal("Normal\n", host.Read(Block(129, "valid_zones")).Content);
    }

    [Fact]
    public void Offline_and_remove_memory_removes_an_online_range()
    {
        var host = Boot(MiB(256), cxlGiB: 0);
        var total = host.MeminfoKb("MemTotal");
        Assert.Null(host.Run(Add(Dimm, GiB(1))).Error);
        Assert.True(host.Write(Block(130, "state"), "online_movable").Ok);
        Assert.Null(host.Run(new OfflineAndRemoveMemory(Dimm, GiB(1))).Error);
        Assert.DoesNotContain(host.BlocksOf(0), b => b >= 128);
        Assert.Equal(total, host.MeminfoKb("MemTotal"));
    }

    [Fact]
    public void Acpi_dimm_gets_its_memmap_on_itself_on_6_8_and_ejects()
    {
        // acpi_memory_enable_device(): v6.6+ always passes MHP_MEMMAP_ON_MEMORY; eject = offline + __remove_memory.
        var host = Boot(MiB(256), MemmapOnMemoryMode.On, cxlGiB: 0, autoOnline: OnlineType.Online);
        var free = host.FreeBesidesKernelKb(0);
        Assert.Null(host.Run(new AcpiMemoryDeviceAdd("dimm0", new NodeId(0), Dimm, GiB(1))).Error);
        Assert.Contains("800000000-83fffffff : System RAM\n", host.Read("/proc/iomem").Content);
        Assert.Equal(free + (4 * 258048), host.FreeBesidesKernelKb(0));
        Assert.Null(host.Run(new AcpiMemoryDeviceEject("dimm0")).Error);
        Assert.Equal(free, host.FreeBesidesKernelKb(0));
        Assert.Empty(host.State.AcpiMemoryDevices);
        Assert.Empty(host.State.Groups.All);
    }

    [Fact]
    public void Acpi_multi_block_dimm_pays_node_memmap_on_6_1()
    {
        // acpi_memory_enable_device(): on v6.1-v6.7 only single-block DIMMs get memmap_on_memory.
        var host = Boot(MiB(256), MemmapOnMemoryMode.On, cxlGiB: 0, version: KernelVersion.V6_1);
        var free = host.FreeBesidesKernelKb(0);
        Assert.Null(host.Run(new AcpiMemoryDeviceAdd("dimm0", new NodeId(0), Dimm, GiB(1))).Error);
        Assert.Equal(free - (4 * 4096), host.FreeBesidesKernelKb(0));
    }

    [Fact]
    public void Acpi_eject_fails_and_keeps_the_device_when_a_block_cannot_be_offlined()
    {
        var host = Boot(MiB(256), cxlGiB: 0, autoOnline: OnlineType.OnlineKernel);
        Assert.Null(host.Run(new AcpiMemoryDeviceAdd("dimm0", new NodeId(0), Dimm, GiB(1))).Error);
        Assert.Null(host.Run(new WorkloadAllocate(new NodeId(0), Kernel.Workload.PageKind.Unmovable, new PageCount(1))).Error);
        Assert.Equal(Errno.EBUSY, host.Run(new AcpiMemoryDeviceEject("dimm0")).Error);
        Assert.True(host.State.Dmesg.Contains("Offline failed."));
        Assert.Single(host.State.AcpiMemoryDevices);
        Assert.All(host.BlocksOf(0).Where(b => b >= 128), b => Assert.Equal("online\n", host.Read(Block(b, "state")).Content));
    }

    [Theory]
    // v6.8 removes block devices inside mem_hotplug_lock; v5.6-v6.7 before taking it (mm/memory_hotplug.c try_remove_memory()).
    [InlineData(KernelVersion.V6_8, KernelLock.MemHotplug)]
    [InlineData(KernelVersion.V6_1, KernelLock.DeviceHotplug)]
    public void Remove_takes_block_devices_away_under_the_version_s_lock(KernelVersion version, KernelLock expected)
    {
        var host = Boot(MiB(256), cxlGiB: 0, version: version);
        Assert.Null(host.Run(Add(Dimm, MiB(256))).Error);
        host.RecordSteps = true;
        Assert.Null(host.Run(new RemoveMemory(Dimm, MiB(256))).Error);
        Assert.Equal(expected, host.StepLog.Single(s => s.Name == "remove_memory_block_devices").Lock);
    }

    [Fact]
    public void Remove_of_more_than_one_self_hosted_block_is_refused_on_6_1()
    {
        // v6.1 try_remove_memory(): "Refuse to remove %#llx - %#llx,wrong granularity", -EINVAL.
        var host = Boot(MiB(256), MemmapOnMemoryMode.On, cxlGiB: 0, version: KernelVersion.V6_1);
        Assert.Null(host.Run(Add(Dimm, MiB(256), Mhp.MemmapOnMemory)).Error);
        Assert.Null(host.Run(Add(Dimm + MiB(256), MiB(256), Mhp.MemmapOnMemory)).Error);
        Assert.Equal(Errno.EINVAL, host.Run(new RemoveMemory(Dimm, MiB(512))).Error);
        Assert.True(host.State.Dmesg.Contains("Refuse to remove 0x800000000 - 0x820000000,wrong granularity"));
        Assert.Null(host.Run(new RemoveMemory(Dimm, MiB(256))).Error);
    }

    [Fact]
    public void Auto_online_runs_after_mem_hotplug_lock_is_released_and_its_failures_are_ignored()
    {
        // mm/memory_hotplug.c add_memory_resource(): mem_hotplug_done() before walk_memory_blocks(online_memory_block).
        var host = Boot(MiB(256), cxlGiB: 0, autoOnline: OnlineType.Online);
        Assert.True(host.Write("/sys/kernel/debug/notifier-error-inject/memory/actions/MEM_GOING_ONLINE/error", "-12").Ok);
        host.RecordSteps = true;
        Assert.Null(host.Run(Add(Dimm, MiB(512))).Error);
        Assert.All(new uint[] { 128, 129 }, b => Assert.Equal("offline\n", host.Read(Block(b, "state")).Content));
        var log = host.StepLog.Select(s => s.ToString()).ToList();
        Assert.True(log.IndexOf("unlock MemHotplug") < log.IndexOf("lock MemoryBlockDevice(memory128)"));
    }
}
