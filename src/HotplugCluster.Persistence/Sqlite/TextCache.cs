using System.Text;
using HotplugCluster.Persistence.Serialization;

namespace HotplugCluster.Persistence.Sqlite;

/// <summary>
/// Strings of a text column whose values repeat across many rows (persistence ids when a whole run is read):
/// one slot per hash of the UTF-8 bytes, so a repeated value costs a hash and a compare instead of a decode and
/// an allocation. A colliding value replaces the slot's; a miss only costs the decode. Columns with a handful of
/// values (manifests, writers) use ReprReader's last-few cache instead: a compare with the first entry is cheaper
/// than a hash (measured: the whole-run read ~3% slower with this cache for them).
/// </summary>
internal sealed class TextCache
{
    /// <summary>The number of slots; <see cref="Get"/> names the one that answered.</summary>
    public const int Slots = 4096;
    private readonly byte[]?[] _bytes = new byte[Slots][];
    private readonly string?[] _strings = new string[Slots];

    /// <summary>The column's text, and the slot now holding it (a slot holds one value at a time).</summary>
    public string Get(NativeStatement row, int column, out int slot)
    {
        var utf8 = row.Bytes(column);
        slot = SlotOf(utf8);
        if (_bytes[slot] is { } cached && utf8.SequenceEqual(cached))
        {
            return _strings[slot]!;
        }

        var text = Encoding.UTF8.GetString(utf8);
        _bytes[slot] = utf8.ToArray();
        _strings[slot] = text;
        return text;
    }

    /// <summary>The slot that holds text with these UTF-8 bytes.</summary>
    public static int SlotOf(ReadOnlySpan<byte> utf8) => (int)(DecodedStrings.Fnv1a(utf8) % Slots);
}
