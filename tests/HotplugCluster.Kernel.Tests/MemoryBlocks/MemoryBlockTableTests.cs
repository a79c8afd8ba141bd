using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.MemoryBlocks;

/// <summary>The block table's range queries, against the plain walk over <c>IdsIn</c> they replace on hot paths.</summary>
public sealed class MemoryBlockTableTests
{
    [Fact]
    public void AnyPresentIn_agrees_with_the_plain_walk_on_every_range_and_excluded_block()
    {
        // A guest of 1 GiB in 128 MiB blocks and a 1 GiB dimm at 4 GiB, one of whose blocks goes again: present blocks, a
        // hole, absent slots past the last block, and a removed one in between.
        var host = Boot(MiB(128), MemmapOnMemoryMode.Off, cxlGiB: 0, version: KernelVersion.V6_12, dramGiB: 1);
        Assert.Null(host.Run(new AcpiMemoryDeviceAdd("dimm0", new NodeId(0), new PhysAddr(4UL << 30), GiB(1))).Error);
        Assert.Null(host.Run(new AcpiMemoryDeviceAdd("dimm1", new NodeId(0), new PhysAddr(6UL << 30), MiB(128))).Error);
        Assert.Null(host.Run(new AcpiMemoryDeviceEject("dimm1")).Error);
        var blocks = host.State.Blocks;

        var checkedRanges = 0;
        for (var first = 0UL; first < 64; first += 3)
        {
            foreach (var count in new[] { 1UL, 4UL, 8UL, 64UL })
            {
                for (var except = 0U; except < 64; except += 5)
                {
                    var start = new PhysAddr(first * blocks.BlockSize.Bytes);
                    var size = new ByteSize(count * blocks.BlockSize.Bytes);
                    var walk = blocks.IdsIn(start, size).Any(id => id != new BlockId(except) && blocks[id].IsPresent);
                    Assert.Equal(walk, blocks.AnyPresentIn(start, size, new BlockId(except)));
                    checkedRanges++;
                }
            }
        }

        // Both answers occur: ranges of present blocks, and ranges of none (the hole, the ejected dimm, past the end).
        Assert.True(blocks.AnyPresentIn(new PhysAddr(4UL << 30), GiB(1), new BlockId(0)));
        Assert.False(blocks.AnyPresentIn(new PhysAddr(6UL << 30), GiB(1), new BlockId(0)));
        Assert.False(blocks.AnyPresentIn(new PhysAddr(32UL << 30), GiB(1), new BlockId(0)));
        Assert.Equal(22 * 4 * 13, checkedRanges);
    }

    [Fact]
    public void CountRegistered_and_RegisteredEnd_agree_with_the_enumeration_as_blocks_come_and_go()
    {
        // 1 GiB of boot memory, a dimm at 4 GiB, a second one past it that is ejected again: the end falls back with it.
        var host = Boot(MiB(128), MemmapOnMemoryMode.Off, cxlGiB: 0, version: KernelVersion.V6_12, dramGiB: 1);
        var blocks = host.State.Blocks;
        AssertAgree();
        Assert.Null(host.Run(new AcpiMemoryDeviceAdd("dimm0", new NodeId(0), new PhysAddr(4UL << 30), GiB(1))).Error);
        AssertAgree();
        Assert.Equal(new PhysAddr(5UL << 30), blocks.RegisteredEnd());
        Assert.Null(host.Run(new AcpiMemoryDeviceAdd("dimm1", new NodeId(0), new PhysAddr(6UL << 30), MiB(128))).Error);
        AssertAgree();
        Assert.Equal(new PhysAddr((6UL << 30) + (128UL << 20)), blocks.RegisteredEnd());
        Assert.Null(host.Run(new AcpiMemoryDeviceEject("dimm1")).Error);
        AssertAgree();
        Assert.Equal(new PhysAddr(5UL << 30), blocks.RegisteredEnd());

        void AssertAgree()
        {
            var registered = blocks.Registered().ToList();
            Assert.Equal(registered.Count, blocks.CountRegistered());
            Assert.Equal(registered.Max(b => blocks.StartOf(b.Id) + blocks.BlockSize), blocks.RegisteredEnd());
        }
    }
}
