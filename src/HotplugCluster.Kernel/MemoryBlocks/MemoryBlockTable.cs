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
        if (!zone.IsSpanned)
        {
            yield break;
        }

        var first = zone.SpanStart.Value / PagesPerBlock.Value;
        var last = Math.Min((zone.SpanEnd.Value - 1) / PagesPerBlock.Value, (ulong)_end - 1);
        for (var i = (long)last; i >= (long)first; i--)
        {
            var b = _blocks[i];
            if (b.Registered && b.Nid == zone.Node && b.Zone == zone.Type)
            {
                yield return b;
            }
        }
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
