using System.Globalization;
using HotplugCluster.Hocon;

namespace HotplugCluster.Fleet.Configuration;

/// <summary>Reads a fraction setting: a number in 0..1, a percentage string ("80%"), or a distribution object over <c>hotplug.fleet.distribution</c>.</summary>
internal static class DistributionConfig
{
    /// <summary>Reads <paramref name="path"/> of <paramref name="section"/>; values outside 0..1 (above 100%) are errors at the value.</summary>
    public static Distribution Read(Config root, Config section, string path)
    {
        var value = section.GetValue(path);
        if (value.Type == ConfigValueType.Object)
        {
            return ConfigErrors.Within(path + ".", [], () => ReadObject(root, section, path));
        }

        return Distribution.Constant(Fraction(section, path));
    }

    private static Distribution ReadObject(Config root, Config section, string path)
    {
        var d = section.GetConfig(path).WithFallback(root.GetConfig("hotplug.fleet.distribution"));
        var kind = d.GetString("distribution") switch
        {
            "constant" => DistributionKind.Constant,
            "uniform" => DistributionKind.Uniform,
            "normal" => DistributionKind.Normal,
            var other => throw d.ErrorAt("distribution", $"'{other}' is not one of constant, uniform, normal"),
        };
        var result = new Distribution(
            kind, Fraction(d, "value"), Fraction(d, "min"), Fraction(d, "max"), Fraction(d, "mean"), d.GetDouble("stddev"));
        if (result.Min > result.Max)
        {
            throw d.ErrorAt("min", $"{result.Min} is above max {result.Max}");
        }

        if (result.StdDev < 0)
        {
            throw d.ErrorAt("stddev", "must not be negative");
        }

        return result;
    }

    /// <summary>A number in 0..1 or "NN%" at <paramref name="path"/>.</summary>
    public static double Fraction(Config section, string path)
    {
        var value = section.GetValue(path);
        double f;
        if (value.Type == ConfigValueType.String && value.Unwrapped is string text && text.EndsWith('%'))
        {
            if (!double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent))
            {
                throw section.ErrorAt(path, $"'{text}' is not a percentage");
            }

            f = percent / 100.0;
        }
        else
        {
            f = section.GetDouble(path);
        }

        if (double.IsNaN(f) || f < 0)
        {
            throw section.ErrorAt(path, $"{Percent(f)} is below 0%");
        }

        if (f > 1)
        {
            throw section.ErrorAt(path, $"{Percent(f)} is above 100%");
        }

        return f;
    }

    private static string Percent(double f) => (f * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
