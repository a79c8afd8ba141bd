using System.Diagnostics;

namespace HotplugCluster.Bench;

/// <summary>Times a spawn of many actors and takes the heap bytes each one holds, the same way for every runtime.</summary>
public static class SpawnMeasure
{
    /// <summary>
    /// Actors per second of <paramref name="spawn"/> (which returns its live system) and heap bytes per actor from the GC's
    /// own accounting, with full collections before and after outside the timing; <paramref name="shutdown"/> ends the system.
    /// </summary>
    public static (double PerSecond, double BytesPerActor) Run<T>(int count, Func<T> spawn, Action<T> shutdown)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var system = spawn();
        var elapsed = watch.Elapsed.TotalSeconds;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        shutdown(system);
        return (count / elapsed, (after - before) / (double)count);
    }
}
