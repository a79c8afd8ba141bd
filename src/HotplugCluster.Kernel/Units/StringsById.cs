namespace HotplugCluster.Kernel.Units;

/// <summary>
/// Strings made from a block id once per process and shared (a fleet names and writes the same blocks on every host):
/// ids below <see cref="MaxCached"/> are cached, others are formatted each time. Readers take no lock.
/// </summary>
internal sealed class StringsById(Func<uint, string> format)
{
    // 4M ids at most.
    private const uint MaxCached = 1u << 22;

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

        return id < MaxCached ? Add(id) : format(id);
    }

    private string Add(uint id)
    {
        lock (_gate)
        {
            var strings = _strings;
            if (id >= strings.Length)
            {
                // Copied, not resized in place: readers hold the old array, whose filled slots stay valid.
                var grown = new string?[Math.Max(id + 1, Math.Min((uint)strings.Length * 2, MaxCached))];
                strings.CopyTo(grown, 0);
                strings = grown;
            }

            var s = strings[id] ??= format(id);
            Volatile.Write(ref _strings, strings);
            return s;
        }
    }
}
