using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Hotplug;

/// <summary>
/// Where the memmap of hot-added memory lives and what it costs (docs/kernel-model.md, "Accounting rules").
/// </summary>
public sealed class MemmapAccountingTests
{
    [Fact]
    public void Online_adds_258048_kB_per_256MiB_block_to_the_CXL_node_when_memmap_on_memory_is_on()
    {
        // memory_block_online(): present +65536, managed +64512 pages per block; nothing charged to node 0.
        var host = Boot(MiB(256), MemmapOnMemoryMode.On);
        var node0Free = host.FreeBesidesKernelKb(0);
        var blocks = host.BlocksOf(1);
        Assert.Equal(16, blocks.Length);
        foreach (var id in blocks)
        {
            var total = host.Read("/sys/devices/system/node/node1/meminfo").Ok ? host.NodeKb(1, "MemTotal") : 0;
            var present = host.State.Nodes[1].Present.Value;
            Assert.True(host.Write(Block(id, "state"), "online_movable\n").Ok);
            Assert.Equal(total + 258048, host.NodeKb(1, "MemTotal"));
            Assert.Equal(present + 65536, host.State.Nodes[1].Present.Value);
        }

        Assert.Equal(node0Free, host.FreeBesidesKernelKb(0));
    }

    [Fact]
    public void Add_charges_4MiB_per_256MiB_block_to_node0_and_remove_returns_it_when_memmap_on_memory_is_off()
    {
        // vmemmap_populate() at add time: the memmap comes from node 0's ZONE_NORMAL then, not at online.
        var bare = Boot(MiB(256), cxlGiB: 0);
        var host = Boot(MiB(256));
        Assert.Equal(bare.FreeBesidesKernelKb(0) - (16 * 4096), host.FreeBesidesKernelKb(0));

        var id = host.BlocksOf(1)[0];
        var node0Free = host.FreeBesidesKernelKb(0);
        Assert.True(host.Write(Block(id, "state"), "online_movable").Ok);
        Assert.Equal(262144UL, host.NodeKb(1, "MemTotal"));
        Assert.Equal(node0Free, host.FreeBesidesKernelKb(0));

        Assert.True(host.Write(Block(id, "state"), "offline").Ok);
        Assert.True(host.Write("/sys/bus/dax/drivers/kmem/unbind", "dax0.0").Ok);
        Assert.Equal(bare.FreeBesidesKernelKb(0), host.FreeBesidesKernelKb(0));
    }

    [Theory]
    [InlineData(128)]
    [InlineData(256)]
    public void A_256GiB_device_costs_node0_exactly_4GiB_when_memmap_on_memory_is_off(ulong blockMiB)
    {
        // Gregory Price's figure (docs/kernel-model.md, "Memmap figures"): 256 GB needs 4 GB of struct pages, 1/64.
        var bare = Boot(MiB(blockMiB), cxlGiB: 0, dramGiB: 32);
        var host = Boot(MiB(blockMiB), cxlGiB: 256, dramGiB: 32);
        Assert.Equal(4UL * 1024 * 1024, bare.FreeBesidesKernelKb(0) - host.FreeBesidesKernelKb(0));
    }

    [Theory]
    // docs/kernel-model.md, "Memmap figures": block size → managed kB per onlined block with memmap_on_memory.
    [InlineData(128, 129024)]
    [InlineData(256, 258048)]
    [InlineData(512, 516096)]
    [InlineData(1024, 1032192)]
    [InlineData(2048, 2064384)]
    public void Onlined_block_manages_block_minus_its_memmap(ulong blockMiB, ulong managedKb)
    {
        var host = Boot(MiB(blockMiB), MemmapOnMemoryMode.On, cxlGiB: 4);
        var id = host.BlocksOf(1)[0];
        Assert.True(host.Write(Block(id, "online"), "1").Ok);
        Assert.Equal(managedKb, host.NodeKb(1, "MemTotal"));
    }

    [Theory]
    // Sourav Panda's measurement (docs/kernel-model.md, "Memmap figures"), 1 GiB hot-added in 128 MiB blocks: +1008 MiB
    // on, +1024 MiB off.
    [InlineData(MemmapOnMemoryMode.On, 1032192)]
    [InlineData(MemmapOnMemoryMode.Off, 1048576)]
    public void Hot_adding_1GiB_of_128MiB_blocks_raises_MemTotal_by_the_measured_amount(MemmapOnMemoryMode mode, ulong deltaKb)
    {
        var host = Boot(memmap: mode, cxlGiB: 1);
        Assert.Equal(MiB(128), host.State.BlockSize);
        var before = host.MeminfoKb("MemTotal");
        foreach (var id in host.BlocksOf(1))
        {
            Assert.True(host.Write(Block(id, "state"), "online_movable").Ok);
        }

        Assert.Equal(before + deltaKb, host.MeminfoKb("MemTotal"));
    }

    [Fact]
    public void Blocks_get_per_block_altmaps_at_their_start_when_memmap_on_memory_is_on()
    {
        // create_altmaps_and_memory_blocks(): base_pfn = PHYS_PFN(block start), free = memmap pages, reserve 0.
        var host = Boot(MiB(256), MemmapOnMemoryMode.On);
        foreach (var id in host.BlocksOf(1))
        {
            var b = host.State.Blocks[new BlockId(id)];
            Assert.True(b.HasAltmap);
            Assert.Equal(1024UL, b.VmemmapPages.Value);
        }
    }

    [Fact]
    public void Device_dax_costs_node0_one_256th_of_the_device_and_kmem_replaces_it_with_its_own_memmap()
    {
        // devm_memremap_pages() with vmemmap_shift: 2 MiB compound pages need 2 unique vmemmap pages each
        // (8 KiB per 2 MiB); freed at unbind.
        var bare = Boot(MiB(256), cxlGiB: 0);
        var host = Boot(MiB(256), mode: CxlDeviceMode.Devdax);
        Assert.Equal(bare.FreeBesidesKernelKb(0) - 16384, host.FreeBesidesKernelKb(0));

        // daxctl reconfigure-device -m system-ram: unbind device_dax, bind kmem (memmap off: 4 MiB per block).
        Assert.True(host.Write("/sys/bus/dax/drivers/device_dax/unbind", "dax0.0").Ok);
        Assert.Equal(bare.FreeBesidesKernelKb(0), host.FreeBesidesKernelKb(0));
        Assert.True(host.Write("/sys/bus/dax/drivers/device_dax/remove_id", "dax0.0").Ok);
        Assert.True(host.Write("/sys/bus/dax/drivers/kmem/bind", "dax0.0").Ok);
        Assert.Equal(bare.FreeBesidesKernelKb(0) - (16 * 4096), host.FreeBesidesKernelKb(0));
    }
}
