using System.Text;

namespace HotplugCluster.Persistence.Serialization;

/// <summary>
/// The strings a registry's decoders read, kept so that a value seen before (a zone name, a state) is handed out
/// again instead of being decoded into a new string for every event: replaying a run decodes the same few short
/// strings a million times. One immutable entry per slot, found by a hash of the UTF-8 bytes and confirmed by
/// comparing them; a colliding value replaces the slot's, and a long string is always decoded. Entries are
/// replaced whole, so registries shared across threads stay correct without locks.
/// </summary>
internal sealed class DecodedStrings
{
    private const int Slots = 256;
    private const int LongestKept = 48;
    private readonly Entry?[] _entries = new Entry?[Slots];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > LongestKept)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        var slot = (int)(Fnv1a(utf8) % Slots);
        if (_entries[slot] is { } entry && utf8.SequenceEqual(entry.Utf8))
        {
            return entry.Text;
        }

        var text = Encoding.UTF8.GetString(utf8);
        _entries[slot] = new Entry(utf8.ToArray(), text);
        return text;
    }

    /// <summary>FNV-1a of the bytes: cheap for the short strings these caches hold, and spreads them well enough.</summary>
    public static uint Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 2166136261u;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash;
    }

    private sealed record Entry(byte[] Utf8, string Text);
}
