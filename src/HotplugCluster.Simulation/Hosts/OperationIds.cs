using System.Globalization;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Simulation.Hosts;

/// <summary>
/// Operation ids ("opN") made once per process and shared: the hosts of a fleet restored from one snapshot all number
/// their operations on from the snapshot's, so they name the same thousands of operations. Ids below 1M are cached (an
/// 8 MiB table at most), others formatted each time; readers take no lock.
/// </summary>
internal static class OperationIds
{
    private static readonly StringsById s_ids = new(n => Format(n), maxCached: 1u << 20);

    /// <summary>"op" followed by <paramref name="n"/>.</summary>
    public static string Of(long n) => n is >= 0 and <= uint.MaxValue ? s_ids.Of((uint)n) : Format(n);

    private static string Format(long n) => "op" + n.ToString(CultureInfo.InvariantCulture);
}
