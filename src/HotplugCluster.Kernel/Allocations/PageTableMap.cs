using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Allocations;

/// <summary>
/// The page-table pages hot-adds allocated, by level and index of the slice they map, with the block each sits in. Per level
/// a dense array of slots from the first index the level saw (hot-added memory is a few contiguous ranges, so its tables'
/// indices are too), and a dictionary for an index below that or too far above it.
/// </summary>
/// <remarks>
/// Every restored fleet host copies the map: ~1,600 dictionary entries were ~1.5-2% of what a host allocated, where the
/// slots are 4 bytes each and copy as arrays. A lookup (four per removed block) indexes an array instead of hashing.
/// </remarks>
internal sealed class PageTableMap
{
    // A level's slots cover at most this many indices from its first one (256 KiB of slots); the rest go to the dictionary.
    private const int MaxSlots = 1 << 16;

    private static readonly int Levels = Enum.GetValues<PageTableLevel>().Length;

    // Per level: the index of slot 0, and per slot the hosting block's id + 1 (0: no table there).
    private readonly ulong[] _first;
    private readonly uint[]?[] _slots;
    private Dictionary<(PageTableLevel Level, ulong Index), BlockId>? _others;

    public PageTableMap()
    {
        _first = new ulong[Levels];
        _slots = new uint[]?[Levels];
    }

    private PageTableMap(PageTableMap from)
    {
        _first = (ulong[])from._first.Clone();
        _slots = new uint[]?[Levels];
        for (var l = 0; l < Levels; l++)
        {
            _slots[l] = (uint[]?)from._slots[l]?.Clone();
        }

        _others = from._others is null ? null : new(from._others, TableKey.Instance);
    }

    public PageTableMap Copy() => new(this);

    public bool Contains(PageTableLevel level, ulong index)
    {
        if (Slot(level, index) is { } slot)
        {
            var slots = _slots[(int)level]!;
            return slot < slots.Length && slots[slot] != 0;
        }

        return _others is not null && _others.ContainsKey((level, index));
    }

    /// <summary>Adds a table; <see cref="ArgumentException"/> when the level already has one at the index (as a dictionary's Add).</summary>
    public void Add(PageTableLevel level, ulong index, BlockId host)
    {
        var l = (int)level;
        if (_slots[l] is null)
        {
            _first[l] = index;
            _slots[l] = new uint[16];
        }

        if (Slot(level, index) is not { } slot)
        {
            (_others ??= new(TableKey.Instance)).Add((level, index), host);
            return;
        }

        var slots = _slots[l]!;
        if (slot >= slots.Length)
        {
            var length = slots.Length;
            while (length <= slot)
            {
                length *= 2;
            }

            Array.Resize(ref slots, Math.Min(length, MaxSlots));
            _slots[l] = slots;
        }

        if (slots[slot] != 0)
        {
            throw new ArgumentException($"a {level} page table at index {index} already exists", nameof(index));
        }

        slots[slot] = checked(host.Value + 1);
    }

    /// <summary>Removes a table and returns its block; <see cref="KeyNotFoundException"/> when there is none.</summary>
    public BlockId Remove(PageTableLevel level, ulong index)
    {
        if (Slot(level, index) is { } slot)
        {
            var slots = _slots[(int)level]!;
            if (slot < slots.Length && slots[slot] != 0)
            {
                var host = new BlockId(slots[slot] - 1);
                slots[slot] = 0;
                return host;
            }
        }
        else if (_others is not null && _others.Remove((level, index), out var host))
        {
            return host;
        }

        throw new KeyNotFoundException($"no {level} page table at index {index}");
    }

    /// <summary>Every table, in (level, index) order.</summary>
    public SortedDictionary<(PageTableLevel Level, ulong Index), BlockId> Sorted()
    {
        var sorted = _others is null ? [] : new SortedDictionary<(PageTableLevel Level, ulong Index), BlockId>(_others);
        for (var l = 0; l < Levels; l++)
        {
            if (_slots[l] is not { } slots)
            {
                continue;
            }

            for (var i = 0; i < slots.Length; i++)
            {
                if (slots[i] != 0)
                {
                    sorted.Add(((PageTableLevel)l, _first[l] + (ulong)i), new BlockId(slots[i] - 1));
                }
            }
        }

        return sorted;
    }

    // The slot of an index in its level's dense range, or null when the index belongs to the dictionary (the range is fixed
    // once the level has slots, so an index is always looked for where it was put).
    private int? Slot(PageTableLevel level, ulong index)
    {
        var l = (int)level;
        if (_slots[l] is null || index < _first[l] || index - _first[l] >= MaxSlots)
        {
            return null;
        }

        return (int)(index - _first[l]);
    }

    /// <summary>Equality of <c>(level, index)</c> keys without <see cref="ValueTuple{T1, T2}"/>'s generic per-field comparers.</summary>
    private sealed class TableKey : IEqualityComparer<(PageTableLevel Level, ulong Index)>
    {
        public static readonly TableKey Instance = new();

        public bool Equals((PageTableLevel Level, ulong Index) x, (PageTableLevel Level, ulong Index) y) => x.Level == y.Level && x.Index == y.Index;

        public int GetHashCode((PageTableLevel Level, ulong Index) obj) => unchecked(((int)obj.Index * 4) + (int)obj.Level);
    }
}
