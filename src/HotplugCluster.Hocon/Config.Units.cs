using System.Numerics;
using HotplugCluster.Hocon.Units;
using HotplugCluster.Hocon.Values;

namespace HotplugCluster.Hocon;

/// <summary>Getters for sizes and durations in the spec's units format.</summary>
public sealed partial class Config
{
    /// <summary>
    /// The size in bytes at <paramref name="path"/>: a bare number is bytes, a string is a number and a unit from the spec's
    /// list (<c>256MiB</c>, <c>4 GiB</c>, <c>1kB</c>); the result must be a whole number of bytes that fits in 64 bits.
    /// </summary>
    public long GetBytes(string path) => ToLong(path, ReadUnits(path, "a size in bytes (e.g. 128MiB, 4 GiB, 1024)", 1, SizeUnits.TryGetFactor), "bytes");

    /// <summary>The duration at <paramref name="path"/> in nanoseconds: a bare number is milliseconds, units are ns, us, ms, s, m, h, d and the spec's longer spellings.</summary>
    public long GetNanoseconds(string path) =>
        ToLong(path, ReadUnits(path, "a duration (e.g. 10us, 5s, 2 minutes)", DurationUnits.DefaultFactor, DurationUnits.TryGetFactor), "nanoseconds");

    /// <summary>The duration at <paramref name="path"/>; it must be a whole number of 100ns ticks (use <see cref="GetNanoseconds"/> for finer values).</summary>
    public TimeSpan GetDuration(string path)
    {
        var nanoseconds = GetNanoseconds(path);
        return nanoseconds % 100 == 0
            ? TimeSpan.FromTicks(nanoseconds / 100)
            : throw ErrorAt(path, $"expected a duration in whole 100ns ticks, found {nanoseconds}ns (read it with GetNanoseconds)");
    }

    private delegate bool FactorLookup(string unit, out BigInteger factor);

    private BigInteger ReadUnits(string path, string expected, BigInteger defaultFactor, FactorLookup lookup)
    {
        var value = Require(path);
        decimal number;
        var factor = defaultFactor;
        switch (value)
        {
            case ConfigNumber n when UnitParser.TrySplit(n.Raw, out number, out _):
                break;
            case ConfigString s when UnitParser.TrySplit(s.Value, out number, out var unit):
                if (unit.Length > 0 && !lookup(unit, out factor))
                {
                    throw new HoconException(value.Origin, $"{ParsePath(path)}: expected {expected}, found unknown unit '{unit}' in {HoconPath.Quote(s.Value)}");
                }

                break;
            default:
                throw WrongType(path, value, expected);
        }

        return UnitParser.Scale(number, factor)
            ?? throw new HoconException(value.Origin, $"{ParsePath(path)}: expected {expected}, found {Describe(value)}, which is not a whole number of the base unit");
    }

    private long ToLong(string path, BigInteger amount, string unit) =>
        amount >= long.MinValue && amount <= long.MaxValue
            ? (long)amount
            : throw ErrorAt(path, $"expected a value that fits in 64 bits, found {amount} {unit}");
}
