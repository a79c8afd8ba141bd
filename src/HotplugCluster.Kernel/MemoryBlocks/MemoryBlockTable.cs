using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.MemoryBlocks;

/// <summary>All block slots of a host, indexed by block id (a dense array: ids are phys / block size).</summary>
public sealed class MemoryBlockTable
{
    private MemoryBlock[] _blocks = new MemoryBlock[64];
    private uint _end;

    internal MemoryBlockTable(ByteSize blockSize)
    {
        BlockSize = blockSize;
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

    /// <summary>The slot at <paramref name="index"/> (below the table's end).</summary>
    internal ref readonly MemoryBlock Slot(long index) => ref _blocks[index];

    /// <summary>Whether <see cref="InSpanDescending"/> yields <paramref name="b"/> for <paramref name="zone"/>.</summary>
    internal static bool InZone(in MemoryBlock b, Zones.Zone zone) => b.Registered && b.Nid == zone.Node && b.Zone == zone.Type;

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
