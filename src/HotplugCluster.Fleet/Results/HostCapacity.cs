using System.Collections.Immutable;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Fleet.Results;

/// <summary>Capacity figures of one host read from its kernel state (see <see cref="HostResult"/>); exact integer arithmetic on pages.</summary>
internal sealed record HostCapacity(
    long DramBytes,
    long CxlCapacityBytes,
    long CxlAddedBytes,
    long MemmapDramBytes,
    long AltmapCxlBytes,
    long UsableCxlBytes,
    long StrandedBytes,
    int Ranges1G,
    int FreeRanges1G,
    ImmutableArray<long> KernelPages,
    ImmutableArray<long> MovablePages,
    long UsedPages,
    int Blocks)
{
    private static readonly ByteSize OneGiB = ByteSize.FromGiB(1);

    /// <summary>Measures <paramref name="s"/>: CXL blocks are those inside a CXL window; DRAM nodes host memmaps charged off-block.</summary>
    public static HostCapacity Measure(HostState s)
    {
        var page = (long)PageSizes.PageSize;
        var blockBytes = (long)s.BlockSize.Bytes;
        long dram = 0, cxlCapacity = 0, added = 0, memmapDram = 0, altmap = 0, usable = 0;
        foreach (var d in s.Layout.Dram)
        {
            dram += (long)d.Size.Bytes;
        }

        foreach (var w in s.Layout.CxlWindows)
        {
            cxlCapacity += (long)w.Size.Bytes;
            // The ids of the blocks the window touches, walked as numbers (no enumerator: a fleet measures every host).
            var first = s.Blocks.IdOf(w.Start.AlignDown(s.BlockSize)).Value;
            var end = s.Blocks.IdOf((w.Start + w.Size).AlignUp(s.BlockSize)).Value;
            for (var n = first; n < end; n++)
            {
                var id = new BlockId(n);
                if (!s.Blocks.TryFind(id, out var b) || !InWindow(s, id, w))
                {
                    continue;
                }

                added += blockBytes;
                if (b.Memmap == MemmapSource.Altmap)
                {
                    altmap += b.MemmapPages * page;
                }
                else if (b.Memmap == MemmapSource.Node)
                {
                    memmapDram += b.MemmapPages * page;
                }

                if (b.State == MemoryBlockState.Online)
                {
                    usable += blockBytes - ((long)b.VmemmapPages.Value * page);
                }
            }
        }

        var (ranges, free) = Gigantic(s);
        var kernel = ImmutableArray.CreateBuilder<long>();
        var movable = ImmutableArray.CreateBuilder<long>();
        long used = 0;
        foreach (var n in s.Nodes)
        {
            used += (long)(n.Managed - n.Free).Value;
            kernel.Add((long)(n[ZoneType.Dma32].Managed + n[ZoneType.Normal].Managed).Value);
            movable.Add((long)n[ZoneType.Movable].Managed.Value);
        }

        return new HostCapacity(dram, cxlCapacity, added, memmapDram, altmap, usable, cxlCapacity - added, ranges, free,
            kernel.ToImmutable(), movable.ToImmutable(), used, s.Blocks.CountRegistered());
    }

    /// <summary>A block counts for a window when it lies entirely inside it (kmem adds only whole aligned blocks).</summary>
    private static bool InWindow(HostState s, BlockId id, Kernel.Settings.CxlWindowLayout w)
    {
        var start = s.Blocks.StartOf(id);
        return start >= w.Start && start + s.BlockSize <= w.Start + w.Size;
    }

    /// <summary>
    /// 1 GiB-aligned ranges whose memory is all present and online, and those of them free of memmap carve-outs: no boot
    /// memmap (memblock-reserved), no hosted memmap of another block, no altmap. A gigantic page or a 1 GiB direct
    /// mapping needs such a range (workload pages can migrate; memmaps cannot).
    /// </summary>
    private static (int Ranges, int Free) Gigantic(HostState s)
    {
        var end = s.Blocks.RegisteredEnd();
        int ranges = 0, free = 0;
        var perRange = s.BlockSize >= OneGiB ? 1UL : OneGiB.DivideBy(s.BlockSize);
        for (var start = PhysAddr.Zero; start < end; start += OneGiB)
        {
            var block = s.Blocks.IdOf(start);
            var whole = true;
            var clean = true;
            for (ulong i = 0; i < perRange && whole; i++)
            {
                var id = new BlockId(checked(block.Value + (uint)i));
                if (!s.Blocks.TryFind(id, out var b) || b.State != MemoryBlockState.Online)
                {
                    whole = false;
                    break;
                }

                if (Carved(s, b, start))
                {
                    clean = false;
                }
            }

            if (whole)
            {
                ranges++;
                free += clean ? 1 : 0;
            }
        }

        return (ranges, free);
    }

    /// <summary>
    /// Whether the 1 GiB range at <paramref name="range"/> of block <paramref name="b"/> holds a carve-out. Blocks up to 1 GiB: any.
    /// Larger blocks: the altmap sits at the block's start (first range); boot and hosted memmaps are placed top-down
    /// (memblock and the model's highest-first placement), so they fill the block's last ranges.
    /// </summary>
    private static bool Carved(HostState s, MemoryBlock b, PhysAddr range)
    {
        var pinned = (ulong)b.ReservedPages + b.HostedMemmapPages;
        if (s.BlockSize <= OneGiB)
        {
            return pinned > 0 || b.HasAltmap;
        }

        var blockStart = s.Blocks.StartOf(b.Id);
        var k = (range.Value - blockStart.Value) / OneGiB.Bytes;
        var rangesInBlock = s.BlockSize.DivideBy(OneGiB);
        var pagesPerRange = OneGiB.ToPages().Value;
        var topRanges = (pinned + pagesPerRange - 1) / pagesPerRange;
        return (b.HasAltmap && k == 0) || k >= rangesInBlock - topRanges;
    }
}
