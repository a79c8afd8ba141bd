using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Units;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Operations;

/// <summary>
/// mm/memory_hotplug.c try_remove_memory() → kernel/resource.c release_mem_region_adjustable():
/// removing part of kmem's "System RAM (kmem)" trims or splits it, so the removed block can be added back alone.
/// </summary>
public sealed class PartialRemoveTests
{
    [Fact]
    public void Removing_a_middle_block_splits_kmems_resource_and_the_block_can_be_added_back()
    {
        var host = Boot(MiB(256));
        var blocks = host.BlocksOf(1);
        var start = host.State.Blocks.StartOf(new BlockId(blocks[1]));
        var mgid = host.State.Dax.Find("dax0.0")!.Kmem!.Mgid;

        var remove = host.Run(new OfflineAndRemoveMemory(start, MiB(256)));

        Assert.Null(remove.Error);
        var iomem = host.Read("/proc/iomem").Content!;
        Assert.Contains("1000000000-100fffffff : System RAM (kmem)", iomem, StringComparison.Ordinal);
        Assert.Contains("1020000000-10ffffffff : System RAM (kmem)", iomem, StringComparison.Ordinal);
        Assert.Equal("ENOENT", host.Read(Block(blocks[1], "state")).Error?.Name);

        var add = host.Run(new AddMemory(new AddMemoryRequest(AddMemoryVariant.DriverManaged, mgid, start, MiB(256), "System RAM (kmem)", Mhp.NidIsMgid)));

        Assert.Null(add.Error);
        Assert.Contains("1010000000-101fffffff : System RAM (kmem)", host.Read("/proc/iomem").Content!, StringComparison.Ordinal);
        Assert.Equal("offline\n", host.Read(Block(blocks[1], "state")).Content);
    }

    [Fact]
    public void Removing_the_first_block_trims_the_resource_from_its_start()
    {
        var host = Boot(MiB(256));
        var start = host.State.Blocks.StartOf(new BlockId(host.BlocksOf(1)[0]));

        Assert.Null(host.Run(new RemoveMemory(start, MiB(256))).Error);

        var iomem = host.Read("/proc/iomem").Content!;
        Assert.Contains("1010000000-10ffffffff : System RAM (kmem)", iomem, StringComparison.Ordinal);
        Assert.DoesNotContain("1000000000-10ffffffff : System RAM (kmem)", iomem, StringComparison.Ordinal);
    }
}
