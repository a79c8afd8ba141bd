using System.Globalization;

namespace HotplugCluster.Simulation.Hosts;

/// <summary>
/// Operation ids ("opN") made once per process and shared: the hosts of a fleet restored from one snapshot all number
/// their operations on from the snapshot's, so they name the same thousands of operations. Ids below
/// <see cref="MaxCached"/> are cached, others formatted each time; readers take no lock.
/// </summary>
internal static class OperationIds
{
    // 1M ids at most (an 8 MiB table).
    private const long MaxCached = 1L << 20;

    private static readonly Lock s_gate = new();
    private static string?[] s_ids = new string?[1024];

    /// <summary>"op" followed by <paramref name="n"/>.</summary>
    public static string Of(long n)
    {
        var ids = Volatile.Read(ref s_ids);
        if ((ulong)n < (ulong)ids.Length && ids[n] is { } id)
        {
            return id;
        }

        return n is >= 0 and < MaxCached ? Add(n) : Format(n);
    }

    private static string Format(long n) => "op" + n.ToString(CultureInfo.InvariantCulture);

    private static string Add(long n)
    {
        lock (s_gate)
        {
            var ids = s_ids;
            if (n >= ids.Length)
            {
                // Copied, not resized in place: readers hold the old array, whose filled slots stay valid.
                var grown = new string?[Math.Max(n + 1, Math.Min(ids.Length * 2L, MaxCached))];
                ids.CopyTo(grown, 0);
                ids = grown;
            }

            var id = ids[n] ??= Format(n);
            Volatile.Write(ref s_ids, ids);
            return id;
        }
    }
}
