using System.Globalization;

namespace HotplugCluster.Bench.Fleet;

/// <summary>
/// The process's minor page faults so far (<c>minflt</c>, the 10th field of /proc/self/stat, proc(5)): memory touched for
/// the first time. A fleet run's fixed cost was such faults (~13 µs each on this project's VM) when the GC's budget sent
/// allocation into fresh pages, so each growth size reports its own count.
/// </summary>
internal static class PageFaults
{
    private const string Stat = "/proc/self/stat";

    /// <summary>Minor faults of the whole process so far, or null where /proc/self/stat is missing.</summary>
    public static long? Minor()
    {
        if (!File.Exists(Stat))
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may hold spaces: count the fields after its closing one.
        var text = File.ReadAllText(Stat);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return long.TryParse(fields[7], NumberStyles.None, CultureInfo.InvariantCulture, out var faults) ? faults : null;
    }
}
