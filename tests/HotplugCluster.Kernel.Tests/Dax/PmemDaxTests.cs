using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Sysfs;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Dax;

/// <summary>
/// A 16 GiB NVDIMM region on memory-only node 1, one devdax namespace (drivers/nvdimm/pfn_devs.c nd_pfn_init(),
/// drivers/dax/pmem.c __dax_pmem_probe(), drivers/dax/kmem.c dev_dax_kmem_probe()), on a host without CXL: region 0, dax0.0.
/// </summary>
public sealed class PmemDaxTests
{
    private const string Dax = "/sys/bus/dax/devices/dax0.0";

    // nd_pfn_init(): --map=dev reserves 8 KiB + 64 B x (16 GiB - 8 KiB) / 4 KiB = 256 MiB + 8064 B, up to the next 2 MiB: 258 MiB.
    private const ulong MapDevData = (16UL << 30) - (258UL << 20);

    // --map=mem reserves only the 8 KiB info block, up to 2 MiB.
    private const ulong MapMemData = (16UL << 30) - (2UL << 20);

    private static KernelHost Boot(PfnMap map = PfnMap.Dev, CxlDeviceMode mode = CxlDeviceMode.Devdax, KernelVersion version = KernelVersion.V6_12,
        OnlineType autoOnline = OnlineType.OnlineMovable) =>
        KernelHost.Boot(Config(cxlGiB: 0, blockSize: MiB(128), version: version, autoOnline: autoOnline) with
        {
            PmemDevices = [new PmemDeviceSettings("nmem0", GiB(16), 1, Map: map, Mode: mode)],
        });

    [Theory]
    [InlineData(PfnMap.Dev, MapDevData, "pmem")]
    [InlineData(PfnMap.Mem, MapMemData, "ram")]
    public void Dax_device_holds_the_namespace_less_its_pfn_metadata(PfnMap map, ulong size, string mode)
    {
        var host = Boot(map);
        Assert.Equal($"{size}\n", host.Read($"{Dax}/size").Content);
        Assert.Equal($"{size}\n", host.Read("/sys/bus/nd/devices/dax0.0/size").Content);
        Assert.Equal($"{mode}\n", host.Read("/sys/bus/nd/devices/dax0.0/mode").Content);
        Assert.Equal($"0x{(16UL << 30) + ((16UL << 30) - size):x}\n", host.Read($"{Dax}/resource").Content);
        Assert.Equal("dax\n", host.Read("/sys/bus/nd/devices/namespace0.0/mode").Content);
    }

    [Fact]
    public void Memmap_on_memory_starts_at_0_as_drivers_dax_pmem_c_creates_it()
    {
        // __dax_pmem_probe(): .memmap_on_memory = false (drivers/dax/cxl.c sets true for CXL RAM regions).
        var host = Boot();
        Assert.Equal("0\n", host.Read($"{Dax}/memmap_on_memory").Content);
        Assert.Equal("device_dax", SysfsLayout.Resolve(host.State, $"{Dax}/driver").Split('/')[^1]);
    }

    [Fact]
    public void Device_dax_maps_a_map_dev_namespace_without_a_RAM_memmap()
    {
        // With --map=dev the pgmap carries the altmap (__nvdimm_setup_pfn()); with --map=mem devm_memremap_pages()
        // allocates 2 vmemmap pages per 2 MiB compound page from RAM: (16 GiB - 2 MiB) / 2 MiB x 2 pages = 65528 kB.
        var onDevice = Boot(PfnMap.Dev);
        var inRam = Boot(PfnMap.Mem);
        Assert.Null(onDevice.State.Dax.Find("dax0.0")!.DevdaxMemmap);
        Assert.Equal(65528UL, onDevice.NodeKb(0, "MemFree") - inRam.NodeKb(0, "MemFree"));
    }

    [Fact]
    public void Kmem_onlines_the_data_aligned_to_blocks_and_pays_its_memmap_from_node_0()
    {
        // dax_kmem_range(): the data starts 258 MiB in, so the first block-aligned byte is 384 MiB in: 125 blocks of
        // 128 MiB; memmap_on_memory 0, so each block's 2 MiB memmap comes from node 0 at add (the kernel's own
        // allocations for the new blocks, section usage and page tables, are added back: HotplugCostsTests checks them).
        var devdax = Boot(mode: CxlDeviceMode.Devdax);
        var ram = Boot(mode: CxlDeviceMode.SystemRam);
        Assert.Equal(125UL * 128 * 1024, ram.NodeKb(1, "MemTotal"));
        Assert.Equal(125UL * 2 * 1024, devdax.FreeBesidesKernelKb(0) - ram.FreeBesidesKernelKb(0));
        Assert.True(ram.State.Dmesg.Contains("kmem dax0.0: DAX region truncated by 126 MiB due to alignment"));
    }

    [Fact]
    public void Static_region_refuses_resizing_with_EACCES_and_has_no_create_file()
    {
        // dev_dax_visible(), drivers/dax/bus.c: size and align 0444 in an IORESOURCE_DAX_STATIC region.
        var host = Boot();
        Assert.Equal(Errno.EACCES, host.Write($"{Dax}/size", "0").Error);
        Assert.Equal(Errno.EACCES, host.Write($"{Dax}/align", "4096").Error);

        // A static region has no create/delete/seed (dax_region_visible()), and no CXL dax_region device at all.
        Assert.Null(host.List("/sys/bus/cxl/devices/dax_region0"));
        Assert.Equal(Errno.ENOENT, host.Write("/sys/bus/cxl/devices/dax_region0/dax_region/create", "1").Error);
    }

    [Fact]
    public void Region_path_is_the_nd_dax_device_under_ndbus0()
    {
        // dax_region_visible(), drivers/dax/bus.c: a static region shows align, id and size only.
        var host = Boot();
        const string NdDax = "/sys/devices/LNXSYSTM:00/LNXSYBUS:00/ACPI0012:00/ndbus0/region0/dax0.0";
        Assert.Equal(NdDax, DaxRegionDevicePath.Of(host.State, 0));
        Assert.Equal(NdDax, SysfsLayout.Resolve(host.State, $"{Dax}/.."));
        Assert.Equal(["align", "id", "size"], host.List($"{NdDax}/dax_region"));
        Assert.Equal($"{MapDevData}\n", host.Read($"{SysfsLayout.DaxRegionAttributes(host.State, 0)}/size").Content);
        Assert.DoesNotContain("ACPI0017:00", host.List("/sys/devices/platform")!);
    }

    [Fact]
    public void Iomem_puts_the_namespace_metadata_and_the_data_under_Persistent_Memory()
    {
        var iomem = Boot().Read("/proc/iomem").Content!;
        Assert.Contains("400000000-7ffffffff : Persistent Memory\n  400000000-4101fffff : namespace0.0\n  410200000-7ffffffff : dax0.0\n", iomem);
    }

    [Theory]
    [InlineData(2, PfnMap.Mem, "pmem-devices[0].capacity")]
    [InlineData(3, PfnMap.Dev, "pmem-devices[0].capacity")]
    public void Layout_refuses_a_namespace_nd_pfn_init_would_refuse(ulong mib, PfnMap map, string setting)
    {
        // nd_pfn_init(): "unable to satisfy requested alignment" when no data is left; sizes are whole 2 MiB.
        var settings = Config(cxlGiB: 0) with { PmemDevices = [new PmemDeviceSettings("nmem0", MiB(mib), 1, Map: map)] };
        Assert.Contains(settings.Resolve().Errors, e => e.Setting == setting);
    }
}
