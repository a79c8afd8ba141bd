using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Resources;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Workload;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Kernel.Host;

public static partial class KernelApply
{

    private static void ApplyBootMemory(HostState state, BootMemoryAdded b)
    {
        state.Resources.Request(b.Start, b.Size, "System RAM", ResourceKind.Mem | ResourceKind.SystemRam | ResourceKind.Busy);
        var node = state.Nodes[b.Node.Value];
        node.Online = true;
        var blocks = state.Blocks;
        foreach (var id in blocks.IdsIn(b.Start, b.Size))
        {
            // A block that crosses a zone boundary (memory0: DMA and DMA32) has mem->zone NULL; each part is its zone's.
            var start = blocks.StartOf(id);
            var parts = BootZones.Parts(start, blocks.BlockSize);
            var zone = parts.Count == 1 ? parts[0].Zone : ZoneType.None;
            blocks.Set(new MemoryBlock(
                id, b.Node, -1, MemoryBlockState.Online, OnlineType.Offline, zone, MemmapSource.Boot,
                b.Node, BootZones.TopZone(start, blocks.BlockSize), id, 0, Registered: true, Early: true, 0, 0, 0, 0, 0));
            foreach (var (partZone, partStart, partSize) in parts)
            {
                // The zone spans from the first RAM page (memblock has no page 0 when firmware reserves it).
                var z = node[partZone];
                var pages = partSize.ToPages();
                var spanStart = BootZones.FirstRam(state.Layout, partStart);
                z.Widen(spanStart.ToPfn(), pages - new ByteSize(spanStart.Value - partStart.Value).ToPages());
                z.Present += pages;
                z.PresentEarly += pages;
                z.Managed += pages;
            }

            // Holes and a lower zone's part are RAM the block's PageZone cannot hand out.
            // (the first MiB's reservation, below, is counted as reserved instead).
            var lower = parts.Take(parts.Count - 1).Aggregate(PageCount.Zero, (a, p) => a + p.Size.ToPages());
            var top = parts[^1];
            blocks.SetUnusable(id, lower - BootZones.LowReserved(state.Layout, start) + state.Layout.HolePagesIn(top.Start, top.Size));

            // x86_64 memblock-reserves the first MiB: present, never managed.
            var low = BootZones.LowReserved(state.Layout, start);
            if (!low.IsZero)
            {
                blocks.Set(blocks[id] with { ReservedPages = checked((uint)low.Value) });
                node[BootZones.ZoneOf(start)].Managed -= low;
            }
        }

        // The boot memmap is memblock-reserved from the node itself, top-down below any hole (memblock allocates from
        // free RAM only): present, never managed, and PageReserved, so the blocks holding it cannot be offlined.
        var memmap = PageSizes.MemmapSizeFor(b.Size).ToPages();
        foreach (var id in blocks.IdsIn(b.Start, b.Size).Reverse())
        {
            if (memmap.IsZero)
            {
                break;
            }

            var block = blocks[id];
            var ram = blocks.PagesPerBlock - state.Layout.HolePagesIn(blocks.StartOf(id)) - new PageCount(block.ReservedPages);
            var take = PageCount.Min(memmap, ram);
            blocks.Set(block with { ReservedPages = checked((uint)(block.ReservedPages + take.Value)) });
            node[block.MemmapZone].Managed -= take;
            memmap -= take;
        }
    }

    // e820 leaves the hole out of "System RAM" (two resources around it) and memblock never frees its pages, so
    // they count in neither present nor managed; the zone still spans them.
    private static void ApplyBootHole(HostState state, BootMemoryHole h)
    {
        var ram = state.Resources.Root.Children.First(r => r.Name == "System RAM" && r.Start <= h.Start && h.Start.Value + h.Size.Bytes - 1 <= r.End.Value);
        var (start, end) = (ram.Start, ram.End);
        state.Resources.Remove(start, ram.Size, "System RAM");
        const ResourceKind kind = ResourceKind.Mem | ResourceKind.SystemRam | ResourceKind.Busy;
        if (h.Start > start)
        {
            state.Resources.Request(start, new ByteSize(h.Start.Value - start.Value), "System RAM", kind);
        }

        var after = h.Start + h.Size;
        if (after.Value <= end.Value)
        {
            state.Resources.Request(after, new ByteSize(end.Value - after.Value + 1), "System RAM", kind);
        }

        var zone = state.Nodes[h.Node.Value][BootZones.ZoneOf(h.Start)];
        var pages = h.Size.ToPages();
        zone.Present -= pages;
        zone.PresentEarly -= pages;
        zone.Managed -= pages;
    }

    private static bool ApplyBlock(HostState state, KernelEvent e)
    {
        var blocks = state.Blocks;
        switch (e)
        {
            // The workload's events first: a fleet host's fill and migrations apply thousands of them.
            case PagesAllocated a:
                ChangeWorkload(state, a.Block, a.Kind, a.Count, +1);
                return true;
            case PagesFreed f:
                ChangeWorkload(state, f.Block, f.Kind, f.Count, -1);
                return true;
            case KernelPagesAllocated k:
                ChangeKernelPages(state, k.Block, k.Pages, +1);
                return true;
            case KernelPagesFreed k:
                ChangeKernelPages(state, k.Block, k.Pages, -1);
                return true;
            case SlabObjectsAllocated a:
                state.KernelAllocations.Allocate(a.Cache, a.Objects, a.PagesPerSlab, a.NewSlabs);
                foreach (var host in a.NewSlabs)
                {
                    ChangeKernelPages(state, host, a.PagesPerSlab, +1);
                }

                return true;
            case SlabObjectsFreed f:
                // A static lambda: the freed slabs' blocks are charged back as the allocator walks them, with no list or closure.
                state.KernelAllocations.Free(f.Cache, f.Objects, f.Discarded, (state, f.PagesPerSlab),
                    static (c, host) => ChangeKernelPages(c.state, host, c.PagesPerSlab, -1));

                return true;
            case PageTableAllocated t:
                state.KernelAllocations.AddTable(t.Level, t.Index, t.Host);
                ChangeKernelPages(state, t.Host, new PageCount(1), +1);
                return true;
            case PageTableFreed t:
                ChangeKernelPages(state, state.KernelAllocations.RemoveTable(t.Level, t.Index), new PageCount(1), -1);
                return true;
            case SectionsAdded s:
                blocks.Set(new MemoryBlock(
                    s.Block, s.Node, -1, MemoryBlockState.Absent, OnlineType.Offline, ZoneType.None, s.Memmap,
                    s.MemmapNode, s.MemmapZone, s.HostBlock, checked((uint)s.MemmapPages.Value), false, false, 0, 0, 0, 0, 0));
                if (s.Memmap == MemmapSource.Node)
                {
                    Charge(state, s.MemmapNode, s.MemmapZone, s.MemmapPages, +1);
                    var host = blocks[s.HostBlock];
                    blocks.Set(host with { HostedMemmapPages = checked(host.HostedMemmapPages + (uint)s.MemmapPages.Value) });
                }

                return true;
            case SectionsRemoved s:
                RemoveSections(state, s.Block);
                return true;
            case VmemmapFreedWithoutAltmap v:
                state.AddStrayBuddyPages(v.Block, v.Pages);
                return true;
            case MemoryBlockReferenceTaken t:
                state.AddBlockReference(t.Block, +1);
                return true;
            case MemoryBlockReferenceDropped d:
                state.AddBlockReference(d.Block, -1);
                return true;
            case MemoryBlockCreated c:
                blocks.Set(blocks[c.Block] with
                {
                    Registered = true, State = MemoryBlockState.Offline, Nid = c.Node, GroupId = c.GroupId,
                });
                return true;
            case MemoryBlockRemoved r:
                blocks.Set(blocks[r.Block] with { Registered = false, State = MemoryBlockState.Absent, GroupId = -1 });
                return true;
            case BlockOnlineTypeSet t:
                blocks.Set(blocks[t.Block] with { OnlineType = t.Type });
                return true;
            case BlockStateChanged c:
                blocks.Set(blocks[c.Block] with { State = c.State, Zone = c.Zone });
                return true;
            case PagesOnlined o:
                AdjustPresent(state, o.Block, o.Zone, o.Present, o.Managed, online: true);
                return true;
            case PagesOfflined o:
                AdjustPresent(state, o.Block, o.Zone, o.Present, o.Managed, online: false);
                return true;
            case PresentPagesAdjusted p:
                AdjustVmemmapPresent(state, p);
                return true;
            default:
                return false;
        }
    }

    private static void RemoveSections(HostState state, BlockId id)
    {
        var blocks = state.Blocks;
        var b = blocks[id];
        if (b.Memmap == MemmapSource.Node)
        {
            // The memmap pages were unmovable pages of their host block; give them back there.
            var pages = new PageCount(b.MemmapPages);
            state.Nodes[b.MemmapNode.Value][b.MemmapZone].Allocated -= pages;
            var host = blocks[b.MemmapHost];
            blocks.Set(host with { HostedMemmapPages = checked(host.HostedMemmapPages - b.MemmapPages) });
        }

        blocks.Clear(id);
    }

    private static void ChargeHosted(HostState state, Dax.DevdaxMemmap memmap, int sign)
    {
        foreach (var h in memmap.Hosts)
        {
            Charge(state, memmap.Node, memmap.Zone, h.Pages, sign);
            var host = state.Blocks[h.Block];
            var n = checked((uint)h.Pages.Value);
            state.Blocks.Set(host with { HostedMemmapPages = sign > 0 ? checked(host.HostedMemmapPages + n) : checked(host.HostedMemmapPages - n) });
        }
    }

    private static void Charge(HostState state, NodeId node, ZoneType zone, PageCount pages, int sign)
    {
        var z = state.Nodes[node.Value][zone];
        z.Allocated = sign > 0 ? z.Allocated + pages : z.Allocated - pages;
    }

    private static void ChangeWorkload(HostState state, BlockId id, PageKind kind, PageCount count, int sign)
    {
        var blocks = state.Blocks;
        var b = blocks[id];
        var n = checked((uint)count.Value);
        b = kind switch
        {
            PageKind.Movable => b with { MovablePages = sign > 0 ? checked(b.MovablePages + n) : checked(b.MovablePages - n) },
            PageKind.Unmovable => b with { UnmovablePages = sign > 0 ? checked(b.UnmovablePages + n) : checked(b.UnmovablePages - n) },
            _ => b with { PinnedPages = sign > 0 ? checked(b.PinnedPages + n) : checked(b.PinnedPages - n) },
        };
        blocks.Set(b);
        Charge(state, b.Nid, b.PageZone, count, sign);
    }

    private static void ChangeKernelPages(HostState state, BlockId id, PageCount count, int sign)
    {
        var b = state.Blocks[id];
        var n = checked((uint)count.Value);
        state.Blocks.Set(b with { KernelPages = sign > 0 ? checked(b.KernelPages + n) : checked(b.KernelPages - n) });
        Charge(state, b.Nid, b.PageZone, count, sign);
    }

    /// <summary>mm/memory_hotplug.c <c>adjust_present_page_count()</c> with managed pages and the zone span.</summary>
    private static void AdjustPresent(HostState state, BlockId id, ZoneType zoneType, PageCount present, PageCount managed, bool online)
    {
        var blocks = state.Blocks;
        var b = blocks[id];
        var zone = state.Nodes[b.Nid.Value][zoneType];
        var group = b.GroupId >= 0 ? state.Groups.Find(b.GroupId) : null;
        var movable = zoneType == ZoneType.Movable;
        if (online)
        {
            zone.Widen(blocks.StartPfnOf(id), blocks.PagesPerBlock);
            zone.Present += present;
            zone.Managed += managed;
            if (b.Early)
            {
                zone.PresentEarly += present;
            }

            if (group is not null)
            {
                AddGroup(group, movable, present, +1);
            }

            return;
        }

        zone.Present -= present;
        zone.Managed -= managed;
        if (b.Early)
        {
            zone.PresentEarly -= present;
        }

        if (group is not null)
        {
            AddGroup(group, movable, present, -1);
        }

        ShrinkSpan(state, zone, id);
    }

    private static void AdjustVmemmapPresent(HostState state, PresentPagesAdjusted p)
    {
        var b = state.Blocks[p.Block];
        var zone = state.Nodes[b.Nid.Value][p.Zone];
        zone.Present = p.Added ? zone.Present + p.Pages : zone.Present - p.Pages;
        if (b.Early)
        {
            zone.PresentEarly = p.Added ? zone.PresentEarly + p.Pages : zone.PresentEarly - p.Pages;
        }

        if (b.GroupId >= 0 && state.Groups.Find(b.GroupId) is { } group)
        {
            AddGroup(group, p.Zone == ZoneType.Movable, p.Pages, p.Added ? +1 : -1);
        }
    }

    private static void AddGroup(MemoryGroup group, bool movable, PageCount pages, int sign)
    {
        if (movable)
        {
            group.PresentMovablePages = sign > 0 ? group.PresentMovablePages + pages : group.PresentMovablePages - pages;
        }
        else
        {
            group.PresentKernelPages = sign > 0 ? group.PresentKernelPages + pages : group.PresentKernelPages - pages;
        }
    }

    /// <summary>mm/memory_hotplug.c <c>shrink_zone_span()</c>: the span becomes the hull of what stays online in the zone.</summary>
    private static void ShrinkSpan(HostState state, Zone zone, BlockId leaving)
    {
        // The hull is the lowest and the highest block that stays: searched from each end of the span, so offlining
        // the blocks of a zone one after another costs O(blocks) in all, not O(blocks) each.
        var blocks = state.Blocks;
        Pfn? first = null;
        var end = default(Pfn);
        if (blocks.SpanSlots(zone, out var low, out var high))
        {
            for (var i = high; i >= low; i--)
            {
                if (Stays(blocks.Slot(i)))
                {
                    end = blocks.StartPfnOf(blocks.Slot(i).Id) + blocks.PagesPerBlock;
                    high = i;
                    break;
                }
            }

            for (var i = low; i <= high; i++)
            {
                if (Stays(blocks.Slot(i)))
                {
                    first = blocks.StartPfnOf(blocks.Slot(i).Id);
                    break;
                }
            }
        }

        zone.SpanStart = first ?? default;
        zone.SpanEnd = first is null ? default : end;

        bool Stays(in MemoryBlock other) =>
            MemoryBlockTable.InZone(other, zone) && other.Id != leaving && other.State != MemoryBlockState.Offline;
    }
}
