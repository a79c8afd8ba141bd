using System.Text;
using HotplugCluster.Persistence.Journal;

namespace HotplugCluster.Persistence.Sqlite;

/// <summary>
/// Turns journal rows into <see cref="PersistentRepr"/>s with few allocations: manifests and writers repeat, so
/// their strings are reused while the bytes match; payloads are copied into shared 64 KiB slabs and handed out
/// as slices. A slab is never reused, so an event kept by the caller stays valid (and keeps its slab alive).
/// Column bytes are compared and copied in place, in SQLite's buffer.
/// </summary>
internal sealed class ReprReader
{
    private const int SlabSize = 64 * 1024;
    private const int OwnArrayAbove = 4 * 1024;

    private readonly StringCache _manifests = new();
    private readonly StringCache _writers = new();
    private byte[] _slab = [];
    private int _used;

    /// <summary>Reads the columns of <see cref="JournalSchema.ReplayColumns"/> (sequence_nr, timestamp, manifest, payload, writer) from the current row.</summary>
    public PersistentRepr Read(NativeStatement row, string persistenceId) =>
        new(persistenceId, row.Int64(0), _manifests.Get(row, 2), Payload(row, 3), row.Int64(1), _writers.Get(row, 4));

    /// <summary>The same columns as <see cref="Read"/>, added to <paramref name="rows"/> as a row value instead of an event object.</summary>
    public void ReadInto(StoredRows.Builder rows, NativeStatement row, string persistenceId, int idSlot, long ordering) =>
        rows.Add(ordering, persistenceId, idSlot, row.Int64(0), _manifests.Get(row, 2), row.Bytes(3), row.Int64(1), _writers.Get(row, 4));

    private ReadOnlyMemory<byte> Payload(NativeStatement row, int column)
    {
        var bytes = row.Bytes(column);
        if (bytes.Length > OwnArrayAbove)
        {
            return bytes.ToArray();
        }

        if (_slab.Length - _used < bytes.Length)
        {
            _slab = new byte[SlabSize];
            _used = 0;
        }

        bytes.CopyTo(_slab.AsSpan(_used));
        var memory = new ReadOnlyMemory<byte>(_slab, _used, bytes.Length);
        _used += bytes.Length;
        return memory;
    }

    /// <summary>The last few distinct strings seen in a column, matched by their UTF-8 bytes.</summary>
    private sealed class StringCache
    {
        private const int Size = 8;
        private readonly byte[][] _bytes = new byte[Size][];
        private readonly string[] _strings = new string[Size];
        private int _count;
        private int _next;

        public string Get(NativeStatement row, int column)
        {
            var utf8 = row.Bytes(column);
            for (var i = 0; i < _count; i++)
            {
                if (utf8.SequenceEqual(_bytes[i]))
                {
                    return _strings[i];
                }
            }

            var text = Encoding.UTF8.GetString(utf8);
            _bytes[_next] = utf8.ToArray();
            _strings[_next] = text;
            _next = (_next + 1) % Size;
            _count = Math.Min(_count + 1, Size);
            return text;
        }
    }
}

