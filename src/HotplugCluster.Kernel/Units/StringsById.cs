namespace HotplugCluster.Kernel.Units;

/// <summary>
/// Strings made from an id once per process and shared (a fleet names and writes the same blocks, and numbers the same
/// operations, on every host): ids below <c>maxCached</c> (4M unless given) are cached, others are formatted each time.
/// Readers take no lock.
/// </summary>
public sealed class StringsById(Func<uint, string> format, uint maxCached = 1u << 22)
{
    private readonly System.Threading.Lock _gate = new();
    private string?[] _strings = new string?[1024];

    /// <summary>The string of <paramref name="id"/>.</summary>
    public string Of(uint id)
    {
        var strings = Volatile.Read(ref _strings);
        if (id < strings.Length && strings[id] is { } s)
        {
            return s;
        }

        return id < maxCached ? Add(id) : format(id);
    }

    private string Add(uint id)
    {
        lock (_gate)
        {
            var strings = _strings;
            if (id >= strings.Length)
            {
                // Copied, not resized in place: readers hold the old array, whose filled slots stay valid.
                var grown = new string?[Math.Max(id + 1, Math.Min((uint)strings.Length * 2, maxCached))];
                strings.CopyTo(grown, 0);
                strings = grown;
            }

            var s = strings[id] ??= format(id);
            Volatile.Write(ref _strings, strings);
            return s;
        }
    }
}
