using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Fleet.Runs;

/// <summary>
/// <c>/sys/devices/system/memory/memoryN/state</c>, formatted once per process: every host of a fleet writes the same
/// blocks' state files (a scale-target host 1,024 of them), and the path was a new string each time.
/// </summary>
internal static class BlockStatePaths
{
    private const string MemoryDir = "/sys/devices/system/memory";

    // Ids below this are cached (the scale target's hosts have 6,144 blocks); others are formatted each time.
    private const uint MaxCached = 1u << 20;

    private static readonly Lock s_gate = new();
    private static string?[] s_paths = new string?[8192];

    /// <summary>The state file of <paramref name="id"/>.</summary>
    public static string Of(BlockId id)
    {
        var paths = Volatile.Read(ref s_paths);
        if (id.Value < paths.Length && paths[id.Value] is { } path)
        {
            return path;
        }

        return id.Value < MaxCached ? Add(id) : Format(id);
    }

    private static string Format(BlockId id) => $"{MemoryDir}/{id}/state";

    private static string Add(BlockId id)
    {
        lock (s_gate)
        {
            var paths = s_paths;
            if (id.Value >= paths.Length)
            {
                // Copied, not resized in place: readers hold the old array, whose filled slots stay valid.
                var grown = new string?[Math.Min(Math.Max(id.Value + 1, (uint)paths.Length * 2), MaxCached)];
                paths.CopyTo(grown, 0);
                paths = grown;
            }

            var path = paths[id.Value] ??= Format(id);
            Volatile.Write(ref s_paths, paths);
            return path;
        }
    }
}
