namespace HotplugCluster.Bench.Fleet;

/// <summary>
/// The process's resident-set high-water mark (<c>VmHWM</c>, /proc/self/status) and its reset (writing 5 to
/// /proc/self/clear_refs, Linux 4.0+, Documentation/admin-guide/mm/soft-dirty.rst), so that each size of a growth run
/// reports its own peak rather than the largest seen so far.
/// </summary>
internal static class PeakRss
{
    private const string Status = "/proc/self/status";
    private const string ClearRefs = "/proc/self/clear_refs";

    /// <summary>Resets the high-water mark to the current RSS; false where the system does not allow it (the peak then only grows).</summary>
    public static bool TryReset()
    {
        try
        {
            File.WriteAllText(ClearRefs, "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            return false;
        }
    }

    /// <summary>The high-water mark in bytes, or the runtime's peak working set where /proc/self/status has none.</summary>
    public static long Read()
    {
        if (File.Exists(Status))
        {
            foreach (var line in File.ReadLines(Status))
            {
                // "VmHWM:	  218300 kB"
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal)
                    && long.TryParse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture, out var kib))
                {
                    return kib * 1024;
                }
            }
        }

        return System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;
    }
}
