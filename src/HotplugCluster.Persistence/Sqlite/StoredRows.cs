using HotplugCluster.Persistence.Journal;

namespace HotplugCluster.Persistence.Sqlite;

/// <summary>
/// Rows read back in journal order, kept as plain values: strings by index into a table, payloads by position in
/// a few large byte slabs, so a million-event run is a handful of arrays the garbage collector neither copies nor
/// scans. Each row becomes an <see cref="EventEnvelope"/> when it is read out (a new, equal object each time).
/// </summary>
internal sealed class StoredRows : IReadOnlyList<EventEnvelope>
{
    private readonly Row[] _rows;
    private readonly int[] _order;
    private readonly string[] _strings;
    private readonly byte[][] _slabs;

    private StoredRows(Row[] rows, int[] order, string[] strings, byte[][] slabs)
    {
        _rows = rows;
        _order = order;
        _strings = strings;
        _slabs = slabs;
    }

    public int Count => _order.Length;

    public EventEnvelope this[int index]
    {
        get
        {
            ref readonly var row = ref _rows[_order[index]];
            var payload = new ReadOnlyMemory<byte>(_slabs[row.Slab], row.Offset, row.Length);
            return new EventEnvelope(row.Ordering, new PersistentRepr(_strings[row.PersistenceId], row.SequenceNr, _strings[row.Manifest], payload, row.Timestamp, _strings[row.Writer]));
        }
    }

    public IEnumerator<EventEnvelope> GetEnumerator()
    {
        for (var i = 0; i < _order.Length; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private readonly record struct Row(long Ordering, long SequenceNr, long Timestamp, int PersistenceId, int Manifest, int Writer, int Slab, int Offset, int Length);

    /// <summary>Collects rows in any order; <see cref="Build"/> puts them in journal (ordering) order.</summary>
    internal sealed class Builder(int capacity)
    {
        private const int SlabSize = 1 << 20;
        private readonly Dictionary<string, int> _stringIds = new(ReferenceEqualityComparer.Instance);
        private readonly List<string> _strings = [];
        private readonly List<byte[]> _slabs = [];

        // Persistence ids change from row to row (a run's streams interleave), so instead of the table's hash lookup each
        // row asks the id's TextCache slot, which the cache has already found by hashing the id's bytes.
        private readonly string?[] _idBySlot = new string?[TextCache.Slots];
        private readonly int[] _idOfSlot = new int[TextCache.Slots];
        private (string? Value, int Id) _lastManifest;
        private (string? Value, int Id) _lastWriter;
        private Row[] _rows = Pinned<Row>(Math.Max(capacity, 16));
        private byte[] _slab = [];
        private int _used;
        private int _count;

        public int Count => _count;

        /// <summary>Adds a row whose persistence id came from <see cref="TextCache"/> slot <paramref name="idSlot"/>.</summary>
        public void Add(long ordering, string persistenceId, int idSlot, long sequenceNr, string manifest, ReadOnlySpan<byte> payload, long timestamp, string writer)
        {
            if (_count == _rows.Length)
            {
                var rows = Pinned<Row>(_count * 2);
                _rows.CopyTo(rows, 0);
                _rows = rows;
            }

            var (slab, offset) = Store(payload);
            _rows[_count++] = new Row(ordering, sequenceNr, timestamp, IdOf(persistenceId, idSlot), Id(manifest, ref _lastManifest), Id(writer, ref _lastWriter), slab, offset, payload.Length);
        }

        public StoredRows Build() => new(_rows, Order(), [.. _strings], [.. _slabs]);

        // Row indexes in ordering order. Orderings are unique, and a run's are usually close together (the journal
        // numbers writes in commit order), so when they span at most a few times the row count each row is put
        // straight into its slot, O(n); otherwise they are sorted.
        private int[] Order()
        {
            var order = Pinned<int>(_count);
            if (_count == 0)
            {
                return order;
            }

            var (min, max) = (_rows[0].Ordering, _rows[0].Ordering);
            for (var i = 1; i < _count; i++)
            {
                min = Math.Min(min, _rows[i].Ordering);
                max = Math.Max(max, _rows[i].Ordering);
            }

            if ((ulong)(max - min) >= 4UL * (ulong)_count)
            {
                var orderings = new long[_count];
                for (var i = 0; i < order.Length; i++)
                {
                    order[i] = i;
                    orderings[i] = _rows[i].Ordering;
                }

                Array.Sort(orderings, order);
                return order;
            }

            if (max - min + 1 == _count)
            {
                // Every ordering of the span is here (a whole run as a rule): each row's slot is its place in the order.
                for (var i = 0; i < _count; i++)
                {
                    order[_rows[i].Ordering - min] = i;
                }

                return order;
            }

            var slots = new int[max - min + 1];
            Array.Fill(slots, -1);
            for (var i = 0; i < _count; i++)
            {
                slots[_rows[i].Ordering - min] = i;
            }

            var next = 0;
            foreach (var row in slots)
            {
                if (row >= 0)
                {
                    order[next++] = row;
                }
            }

            return order;
        }

        // The arrays a result keeps go to the pinned-object heap, which like the large-object heap is collected with
        // generation 2 only and never compacted. On the small-object heap (where hotplug's 4 MiB large-object threshold
        // put the 1 MiB slabs, and rows and order under ~87k and ~1M rows) they survived the first-generation
        // collections that reading out a run runs, so the collector grew its first-generation budget and handed the
        // events fresh pages, a page fault per 4 KiB (docs/persistence.md, "Where a whole run's replay goes").
        private static T[] Pinned<T>(int length) => GC.AllocateArray<T>(length, pinned: true);

        // Strings come from the readers' caches, one instance per distinct value as a rule, so they are told apart by
        // reference; an equal string in a second instance only costs a second table entry. A column's value mostly
        // repeats the previous row's (manifests, writers), so each column's last answer is checked before the table.
        private int Id(string value, ref (string? Value, int Id) last)
        {
            if (ReferenceEquals(last.Value, value))
            {
                return last.Id;
            }

            var id = TableId(value);
            last = (value, id);
            return id;
        }

        private int IdOf(string value, int slot)
        {
            if (ReferenceEquals(_idBySlot[slot], value))
            {
                return _idOfSlot[slot];
            }

            var id = TableId(value);
            _idBySlot[slot] = value;
            _idOfSlot[slot] = id;
            return id;
        }

        private int TableId(string value)
        {
            if (!_stringIds.TryGetValue(value, out var id))
            {
                id = _strings.Count;
                _strings.Add(value);
                _stringIds.Add(value, id);
            }

            return id;
        }

        private (int Slab, int Offset) Store(ReadOnlySpan<byte> payload)
        {
            if (payload.Length > SlabSize / 4)
            {
                _slabs.Add(payload.ToArray());
                return (_slabs.Count - 1, 0);
            }

            if (_slabs.Count == 0 || _slab.Length - _used < payload.Length)
            {
                _slab = Pinned<byte>(SlabSize);
                _slabs.Add(_slab);
                _used = 0;
            }

            payload.CopyTo(_slab.AsSpan(_used));
            _used += payload.Length;
            return (_slabs.Count - 1, _used - payload.Length);
        }
    }
}
