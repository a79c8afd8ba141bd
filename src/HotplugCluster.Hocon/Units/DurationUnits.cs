using System.Numerics;

namespace HotplugCluster.Hocon.Units;

/// <summary>Duration unit names, exactly the spec's case-sensitive list ("Duration format"), as nanoseconds per unit.</summary>
internal static class DurationUnits
{
    private static readonly Dictionary<string, BigInteger> Factors = new(StringComparer.Ordinal)
    {
        ["ns"] = 1, ["nano"] = 1, ["nanos"] = 1, ["nanosecond"] = 1, ["nanoseconds"] = 1,
        ["us"] = 1_000, ["micro"] = 1_000, ["micros"] = 1_000, ["microsecond"] = 1_000, ["microseconds"] = 1_000,
        ["ms"] = 1_000_000, ["milli"] = 1_000_000, ["millis"] = 1_000_000, ["millisecond"] = 1_000_000, ["milliseconds"] = 1_000_000,
        ["s"] = 1_000_000_000, ["second"] = 1_000_000_000, ["seconds"] = 1_000_000_000,
        ["m"] = 60_000_000_000, ["minute"] = 60_000_000_000, ["minutes"] = 60_000_000_000,
        ["h"] = 3_600_000_000_000, ["hour"] = 3_600_000_000_000, ["hours"] = 3_600_000_000_000,
        ["d"] = 86_400_000_000_000, ["day"] = 86_400_000_000_000, ["days"] = 86_400_000_000_000,
    };

    /// <summary>A bare number is milliseconds (the spec's default duration unit).</summary>
    public static BigInteger DefaultFactor => 1_000_000;

    public static bool TryGetFactor(string unit, out BigInteger factor) => Factors.TryGetValue(unit, out factor);
}
