using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Workload;
using HotplugCluster.Kernel.Zones;
using Xunit;
using static HotplugCluster.Kernel.Tests.TestHosts;

namespace HotplugCluster.Kernel.Tests.Operations;

/// <summary>
/// <see cref="PagePlacement.Spread"/> skips the slots it found without room on earlier walks; whatever the block table
/// went through since, it must place pages exactly where the plain walk from the top of the span does.
/// </summary>
public sealed class PagePlacementTests
{
    private static readonly ZoneType[] Zones = [ZoneType.Movable, ZoneType.Normal, ZoneType.Dma32];

    [Fact]
    public void Spread_finds_a_block_onlined_above_the_blocks_it_walked_past_as_full()
    {
        var host = Boot(MiB(128));
        var blocks = host.BlocksOf(1);
        foreach (var id in blocks)
        {
            Assert.True(host.Write(Block(id, "state"), "online_movable").Ok);
        }

        // Highest first: every block full but the lowest, which keeps 100 pages; the walk passes all the others.
        var node1 = new NodeId(1);
        var zone = host.State.Nodes[1][ZoneType.Movable];
        Assert.Null(host.Run(new WorkloadAllocate(node1, PageKind.Movable, zone.Free - new PageCount(100))).Error);
        Assert.Equal([(new BlockId(blocks[0]), new PageCount(1))], PagePlacement.Spread(host.State, node1, ZoneType.Movable, new PageCount(1)));

        // The top block's pages migrate to node 0; online again, it is empty: room above the lowest block.
        var top = blocks[^1];
        Assert.True(host.Write(Block(top, "state"), "offline").Ok);
        Assert.True(host.Write(Block(top, "state"), "online_movable").Ok);
        Assert.Equal([(new BlockId(top), new PageCount(1))], PagePlacement.Spread(host.State, node1, ZoneType.Movable, new PageCount(1)));
    }

    [Fact]
    public void Spread_places_pages_as_the_plain_walk_does_through_allocations_frees_and_offline_online()
    {
        var host = Boot(MiB(128), cxlGiB: 4);
        var cxl = host.BlocksOf(1);
        foreach (var id in cxl)
        {
            Assert.True(host.Write(Block(id, "state"), "online_movable").Ok);
        }

        var random = new Random(7);
        for (var round = 0; round < 400; round++)
        {
            var node = new NodeId(random.Next(2));
            var free = host.State.Nodes[node.Value].Free.Value;
            switch (random.Next(5))
            {
                case 0 or 1:
                    host.Run(new WorkloadAllocate(node, PageKind.Movable, new PageCount((ulong)random.NextInt64(1, (long)Math.Max(2, free / 4)))));
                    break;
                case 2:
                    host.Run(new WorkloadFree(node, PageKind.Movable, new PageCount((ulong)random.Next(1, 70_000))));
                    break;
                default:
                    // Offline migrates a block's pages away (filling others); online brings it back empty, anywhere in the span.
                    var id = cxl[random.Next(cxl.Length)];
                    var state = host.Read(Block(id, "state")).Content;
                    host.Write(Block(id, "state"), state == "online\n" ? "offline" : "online_movable");
                    break;
            }

            foreach (var n in new[] { new NodeId(0), new NodeId(1) })
            {
                foreach (var type in Zones)
                {
                    var zoneFree = host.State.Nodes[n.Value][type].Free.Value;
                    foreach (var pages in new[] { 1UL, 1000UL, 40_000UL, zoneFree / 3, zoneFree, zoneFree + 1 })
                    {
                        var expected = PlainWalk(host.State, n, type, new PageCount(pages));
                        Assert.Equal(expected, PagePlacement.Spread(host.State, n, type, new PageCount(pages)));
                    }
                }
            }
        }
    }

    /// <summary>The walk without the skip: every block of the span, highest first.</summary>
    private static List<(BlockId Block, PageCount Pages)> PlainWalk(HostState s, NodeId node, ZoneType type, PageCount pages)
    {
        var z = s.Nodes[node.Value][type];
        if (z.Free < pages || pages.IsZero)
        {
            return [];
        }

        var result = new List<(BlockId, PageCount)>();
        var left = pages;
        foreach (var b in s.Blocks.InSpanDescending(z))
        {
            var take = PageCount.Min(PagePlacement.Room(s, b), left);
            if (!take.IsZero)
            {
                result.Add((b.Id, take));
                left -= take;
            }

            if (left.IsZero)
            {
                return result;
            }
        }

        return [];
    }
}
