using HotplugCluster.Actors;

namespace HotplugCluster.Fleet.Configuration;

/// <summary>A seeded draw of a fraction in [0, 1]: a constant, uniform in [Min, Max], or normal (Mean, StdDev) clipped to [Min, Max].</summary>
public sealed record Distribution(DistributionKind Kind, double Value, double Min, double Max, double Mean, double StdDev)
{
    /// <summary>A constant fraction.</summary>
    public static Distribution Constant(double value) => new(DistributionKind.Constant, value, value, value, value, 0);

    /// <summary>The smallest value a draw can return.</summary>
    public double Lower => Kind == DistributionKind.Constant ? Value : Min;

    /// <summary>The largest value a draw can return.</summary>
    public double Upper => Kind == DistributionKind.Constant ? Value : Max;

    /// <summary>Draws one value from <paramref name="random"/> (a constant draws nothing, so it does not shift later draws).</summary>
    public double Draw(DeterministicRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        switch (Kind)
        {
            case DistributionKind.Constant:
                return Value;
            case DistributionKind.Uniform:
                return Min + ((Max - Min) * random.NextDouble());
            default:
                // Box-Muller from two uniforms; 1 - u keeps the logarithm's argument in (0, 1].
                var u1 = 1.0 - random.NextDouble();
                var u2 = random.NextDouble();
                var z = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
                return Math.Clamp(Mean + (StdDev * z), Min, Max);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        DistributionKind.Constant => Value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture),
        DistributionKind.Uniform => FormattableString.Invariant($"uniform({Min:0.###}..{Max:0.###})"),
        _ => FormattableString.Invariant($"normal({Mean:0.###}, {StdDev:0.###}) in {Min:0.###}..{Max:0.###}"),
    };
}
