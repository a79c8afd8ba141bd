using HotplugCluster.Kernel.Allocations;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Allocations;

/// <summary>
/// What a hot-add costs the kernel beyond the memmap, and what comes back: a <c>mem_section_usage</c> per section
/// (section_activate(), mm/sparse.c), a <c>struct memory_block</c> and 13 kernfs nodes per block
/// (create_memory_block_devices(), drivers/base/memory.c), a direct-map PMD table per new GiB (phys_pud_init(),
/// arch/x86/mm/init_64.c), and SLUB's empty slabs, kept up to min_partial after a free and discarded on MEM_GOING_OFFLINE
/// (slab_mem_going_offline_callback(), mm/slub.c). The node has 8 CPUs: kmalloc-1k slabs are order 3 (32 objects).
/// </summary>
public sealed class HotplugCostsTests
{
    private static readonly PhysAddr Dimm = new(4UL << 30);

    private static KernelHost Guest(MemmapOnMemoryMode memmap) =>
        Boot(MiB(128), memmap, cxlGiB: 0, version: KernelVersion.V6_12, dramGiB: 1);

    [Theory]
    [InlineData(MemmapOnMemoryMode.On, 56UL)]
    [InlineData(MemmapOnMemoryMode.Off, 16440UL)]
    public void A_1GiB_dimm_costs_its_slab_and_one_page_table_page_at_add(MemmapOnMemoryMode memmap, ulong costKb)
    {
        // 8 blocks: kmalloc-64 (8 usage maps, 1 page), kmalloc-1k (8 memory_blocks, one 8-page slab), kernfs_node_cache
        // (104 nodes, 4 one-page slabs), the PMD table of [4 GiB, 5 GiB); without memmap_on_memory 16 MiB of memmap too.
        // Measured on 6.12.118 (issue 19): 92 kB with memmap_on_memory=1, 16484 kB without.
        var host = Guest(memmap);
        var free = host.MeminfoKb("MemFree");
        Assert.Null(host.Run(new AcpiMemoryDeviceAdd("dimm0", new NodeId(0), Dimm, GiB(1))).Error);
        Assert.Equal(costKb, free - host.MeminfoKb("MemFree"));
        Assert.Equal(52UL, host.MeminfoKb("Slab"));
        Assert.Equal(52UL, host.MeminfoKb("SUnreclaim"));
        Assert.Equal(0UL, host.MeminfoKb("SReclaimable"));
        Assert.Equal([(PageTableLevel.DirectMapPmd, 4UL)], host.State.KernelAllocations.PageTables.Keys);
    }

    [Fact]
    public void Eject_frees_the_memmap_and_page_table_and_the_next_offline_shrinks_the_empty_slabs()
    {
        // Measured on 6.12.118: +16396 kB at eject (memmap + 12 kB); offlining blocks frees empty slab (Slab -244 kB there).
        var host = Guest(MemmapOnMemoryMode.Off);
        Assert.Null(host.Run(new AcpiMemoryDeviceAdd("dimm0", new NodeId(0), Dimm, GiB(1))).Error);
        Assert.Null(host.Run(new AcpiMemoryDeviceAdd("dimm1", new NodeId(0), new PhysAddr(5UL << 30), MiB(128))).Error);
        var added = host.MeminfoKb("MemFree");
        Assert.Null(host.Run(new AcpiMemoryDeviceEject("dimm0")).Error);
        Assert.Equal(16384UL + 4, host.MeminfoKb("MemFree") - added);

        // Each cache keeps its emptied slabs (under min_partial = 5): dimm0's objects are gone, their pages are not. The
        // offline's shrink then frees kernfs_node_cache's three empty one-page slabs (dimm1's 13 nodes keep the fourth).
        Assert.All(Enum.GetValues<SlabCache>(), c => Assert.True(host.State.KernelAllocations.Objects(c) <= 13));
        var slab = host.MeminfoKb("Slab");
        var free = host.MeminfoKb("MemFree");
        Assert.True(host.Write(Block(40, "state"), "online_movable").Ok);
        Assert.True(host.Write(Block(40, "state"), "offline").Ok);
        Assert.Equal(slab - host.MeminfoKb("Slab"), host.MeminfoKb("MemFree") - free);
        Assert.Equal(3UL * 4, slab - host.MeminfoKb("Slab"));
    }

    [Fact]
    public void Memory_far_above_boot_ram_also_needs_a_vmemmap_pmd_table_which_remove_frees()
    {
        // 64 B of memmap per 4 KiB page: a vmemmap PMD table maps 64 GiB of RAM, a direct-map one 1 GiB.
        var host = Boot(MiB(128), cxlGiB: 0, version: KernelVersion.V6_12);
        var add = new AddMemory(new AddMemoryRequest(AddMemoryVariant.AddMemory, 0, new PhysAddr(64UL << 30), MiB(256)));
        Assert.Null(host.Run(add).Error);
        Assert.Equal([(PageTableLevel.DirectMapPmd, 64UL), (PageTableLevel.VmemmapPmd, 1UL)], host.State.KernelAllocations.PageTables.Keys);
        Assert.Null(host.Run(new RemoveMemory(new PhysAddr(64UL << 30), MiB(256))).Error);
        Assert.Empty(host.State.KernelAllocations.PageTables);
    }

    [Theory]
    [InlineData(SlabCache.Kmalloc1k, 2, 2, 16)]
    [InlineData(SlabCache.Kmalloc1k, 8, 3, 32)]
    [InlineData(SlabCache.Kmalloc64, 8, 0, 64)]
    [InlineData(SlabCache.KernfsNode, 256, 1, 64)]
    public void Slab_order_holds_four_objects_per_cpu_bit_plus_four(SlabCache cache, int cpus, int order, int objects)
    {
        // calculate_order(), mm/slub.c: min_objects = 4 * (fls(cpus) + 1), capped by what an order-3 slab holds.
        var g = SlabGeometry.For(cache, cpus);
        Assert.Equal(order, g.Order);
        Assert.Equal(objects, g.ObjectsPerSlab);
        Assert.Equal(5, g.MinPartial);
    }
}
