using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.MemoryBlocks;

/// <summary>All block slots of a host, indexed by block id (a dense array: ids are phys / block size).</summary>
public sealed class MemoryBlockTable
{
    private MemoryBlock[] _blocks = new MemoryBlock[64];
    private uint _end;

    // Per zone (node × zone type): slots [Low, End) are known to hold no block of that zone with room (see FullSlots).
    // A fresh table knows nothing ((0, 0) is empty), so a copy of the table may start with an empty array or its own
    // copy of this one, but must never share it (each table's Set keeps only its own ranges true).
    private (long Low, long End)[] _full = [];

    // Boot blocks whose RAM the buddy cannot all hand out from their PageZone: boot holes and the part in a lower zone.
    private Dictionary<ulong, uint> _unusable = [];

    internal MemoryBlockTable(ByteSize blockSize, PhysAddr end = default)
    {
        BlockSize = blockSize;

        // Sized at once for the memory the host can have (boot memory and CXL windows), not grown by doubling: a host of
        // thousands of blocks otherwise reallocates a large-object-heap array a dozen times while it boots.
        var blocks = blockSize.Bytes == 0 ? 0 : (end.Value / blockSize.Bytes) + (end.Value % blockSize.Bytes == 0 ? 0UL : 1UL);
        if (blocks > (ulong)_blocks.Length && blocks <= MaxPresized)
        {
            _blocks = new MemoryBlock[blocks];
        }
    }

    // Presizing stops here (4M slots); a table for more grows on demand.
    private const ulong MaxPresized = 1UL << 22;

    /// <summary>How many slots the table has (what a recycled array for <see cref="Copy"/> must hold).</summary>
    internal int SlotCount => _blocks.Length;

    /// <summary>A deep copy (the slots are values; the arrays are copied), into <paramref name="recycled"/> when given (<see cref="SlotCount"/> long).</summary>
    internal MemoryBlockTable Copy(MemoryBlock[]? recycled = null)
    {
        var copy = (MemoryBlockTable)MemberwiseClone();
        if (recycled is { } slots && slots.Length == _blocks.Length)
        {
            Array.Copy(_blocks, slots, _blocks.Length);
            copy._blocks = slots;
        }
        else
        {
            copy._blocks = (MemoryBlock[])_blocks.Clone();
        }

        copy._full = ((long Low, long End)[])_full.Clone();
        copy._unusable = new Dictionary<ulong, uint>(_unusable);
        return copy;
    }

    /// <summary>Hands the slots over for another table's <see cref="Copy"/> and leaves this table empty (no block, nothing to read).</summary>
    internal MemoryBlock[] GiveUpSlots()
    {
        var slots = _blocks;
        _blocks = [];
        _end = 0;
        return slots;
    }

    /// <summary><c>memory_block_size_bytes()</c>.</summary>
    public ByteSize BlockSize { get; }

    public PageCount PagesPerBlock => BlockSize.ToPages();

    public BlockId IdOf(PhysAddr addr) => new(checked((uint)(addr.Value / BlockSize.Bytes)));

    public PhysAddr StartOf(BlockId id) => new(checked(id.Value * BlockSize.Bytes));

    public Pfn StartPfnOf(BlockId id) => StartOf(id).ToPfn();

    /// <summary>The slot, or an absent default.</summary>
    public MemoryBlock this[BlockId id] => id.Value < _end ? _blocks[id.Value] : default;

    /// <summary><c>find_memory_block()</c>: a registered block device.</summary>
    public bool TryFind(BlockId id, out MemoryBlock block)
    {
        block = this[id];
        return block.Registered;
    }

    internal void Set(MemoryBlock block)
    {
        var i = block.Id.Value;
        if (i >= _blocks.Length)
        {
            var size = _blocks.Length;
            while (size <= i)
            {
                size *= 2;
            }

            Array.Resize(ref _blocks, size);
        }

        _blocks[i] = block;
        if (i >= _end)
        {
            _end = i + 1;
        }

        // A slot that now has room in its zone leaves that zone's known-full range (only the slots above it stay known).
        // Its old zone, or any other, only gains a slot without room: their ranges stay true.
        if (block.Registered && FullKey(block.Nid, block.PageZone) is var key && key >= 0 && key < _full.Length)
        {
            ref var full = ref _full[key];
            if (i >= full.Low && i < full.End && !RoomOf(block).IsZero)
            {
                full.Low = i + 1;
            }
        }
    }

    internal void Clear(BlockId id)
    {
        if (id.Value < _end)
        {
            _blocks[id.Value] = default;
        }
    }

    /// <summary>Ids of the blocks in [start, start+size), block-aligned.</summary>
    public IEnumerable<BlockId> IdsIn(PhysAddr start, ByteSize size)
    {
        var first = IdOf(start).Value;
        var count = size.DivideBy(BlockSize);
        for (ulong i = 0; i < count; i++)
        {
            yield return new BlockId(checked(first + (uint)i));
        }
    }

    /// <summary>
    /// Whether a block other than <paramref name="except"/> in [start, start+size) is present: what removing a block asks of
    /// every page-table page it maps. Slots past the last one ever set are absent, so the walk stops there.
    /// </summary>
    public bool AnyPresentIn(PhysAddr start, ByteSize size, BlockId except)
    {
        var first = start.Value / BlockSize.Bytes;
        var end = Math.Min(first + size.DivideBy(BlockSize), _end);
        if (except.Value < first || except.Value >= end)
        {
            return AnyPresent(first, end);
        }

        // Outward from the leaving block: a removal goes block by block in ascending order, so the next block up is
        // present and answers at once, where a walk from the range's start crossed every block removed before (a device's
        // removal was quadratic in its blocks for each page-table range that spans it).
        return AnyPresent(except.Value + 1, end) || AnyPresent(first, except.Value);
    }

    private bool AnyPresent(ulong from, ulong end)
    {
        for (var i = from; i < end; i++)
        {
            if (_blocks[i].IsPresent)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Registered blocks whose start lies in a zone's span, highest first (cheap: only the span is walked).</summary>
    public IEnumerable<MemoryBlock> InSpanDescending(Zones.Zone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!SpanSlots(zone, out var first, out var last))
        {
            yield break;
        }

        for (var i = last; i >= first; i--)
        {
            var b = _blocks[i];
            if (InZone(b, zone))
            {
                yield return b;
            }
        }
    }

    /// <summary>
    /// The slot indexes [<paramref name="first"/>, <paramref name="last"/>] that <see cref="InSpanDescending"/> walks,
    /// false when it walks none; hot paths loop over them with <see cref="Slot"/> and <see cref="InZone"/> instead of
    /// the iterator (same blocks, same order, no enumerator).
    /// </summary>
    internal bool SpanSlots(Zones.Zone zone, out long first, out long last)
    {
        first = 0;
        last = -1;
        if (!zone.IsSpanned || _end == 0)
        {
            return false;
        }

        first = (long)(zone.SpanStart.Value / PagesPerBlock.Value);
        last = (long)Math.Min((zone.SpanEnd.Value - 1) / PagesPerBlock.Value, (ulong)_end - 1);
        return last >= first;
    }

    /// <summary>Free pages a block can still hand out (<c>PagePlacement.Room</c>).</summary>
    internal PageCount RoomOf(in MemoryBlock b)
    {
        if (!b.Registered || b.State != MemoryBlockState.Online)
        {
            return PageCount.Zero;
        }

        var capacity = PagesPerBlock - b.VmemmapPages - new PageCount(b.ReservedPages);
        if (_unusable.Count > 0 && _unusable.TryGetValue(b.Id.Value, out var unusable))
        {
            capacity -= new PageCount(unusable);
        }

        var used = b.UsedPages;
        return used >= capacity ? PageCount.Zero : capacity - used;
    }

    /// <summary>
    /// Slots [<paramref name="low"/>, <paramref name="end"/>) hold no block of <paramref name="zone"/> with room
    /// (not <see cref="InZone"/>, or <see cref="RoomOf"/> zero): a walk for room from the top of the span may skip them.
    /// A cache only, kept exact by <see cref="Set"/>: an empty range when nothing is known.
    /// </summary>
    internal void FullSlots(Zones.Zone zone, out long low, out long end)
    {
        var key = FullKey(zone.Node, zone.Type);
        (low, end) = key >= 0 && key < _full.Length ? _full[key] : default;
    }

    /// <summary>Records what a walk found: slots [<paramref name="low"/>, <paramref name="end"/>) hold no block of <paramref name="zone"/> with room.</summary>
    internal void SetFullSlots(Zones.Zone zone, long low, long end)
    {
        var key = FullKey(zone.Node, zone.Type);
        if (key < 0)
        {
            return;
        }

        if (key >= _full.Length)
        {
            Array.Resize(ref _full, Math.Max(key + 1, _full.Length * 2));
        }

        _full[key] = low < end ? (low, end) : default;
    }

    private static int FullKey(NodeId node, Zones.ZoneType type) => type == Zones.ZoneType.None || node.Value < 0 ? -1 : (node.Value * 5) + (int)type;

    /// <summary>The slot at <paramref name="index"/> (below the table's end).</summary>
    internal ref readonly MemoryBlock Slot(long index) => ref _blocks[index];

    /// <summary>Whether <see cref="InSpanDescending"/> yields <paramref name="b"/> for <paramref name="zone"/>.</summary>
    internal static bool InZone(in MemoryBlock b, Zones.Zone zone) => b.Registered && b.Nid == zone.Node && b.PageZone == zone.Type;

    /// <summary>Pages of a boot block that its <see cref="MemoryBlock.PageZone"/> cannot hand out (holes, a lower zone's part).</summary>
    internal void SetUnusable(BlockId id, PageCount pages)
    {
        if (!pages.IsZero)
        {
            _unusable[id.Value] = checked((uint)pages.Value);
        }
    }

    /// <summary>How many blocks are registered: <see cref="Registered"/>'s count, read in place (a fleet measures every host).</summary>
    public int CountRegistered()
    {
        var n = 0;
        for (uint i = 0; i < _end; i++)
        {
            n += _blocks[i].Registered ? 1 : 0;
        }

        return n;
    }

    /// <summary>Where the highest registered block ends (zero when none is), read in place.</summary>
    public PhysAddr RegisteredEnd()
    {
        for (var i = _end; i > 0; i--)
        {
            if (_blocks[i - 1].Registered)
            {
                return StartOf(new BlockId(i - 1)) + BlockSize;
            }
        }

        return PhysAddr.Zero;
    }

    /// <summary>Registered blocks in id order (what /sys/devices/system/memory lists).</summary>
    public IEnumerable<MemoryBlock> Registered()
    {
        for (uint i = 0; i < _end; i++)
        {
            if (_blocks[i].Registered)
            {
                yield return _blocks[i];
            }
        }
    }

    /// <summary>Blocks whose sections are present (added by <c>arch_add_memory()</c>), registered or not, in id order.</summary>
    public IEnumerable<MemoryBlock> Present()
    {
        for (uint i = 0; i < _end; i++)
        {
            if (_blocks[i].IsPresent)
            {
                yield return _blocks[i];
            }
        }
    }
}
