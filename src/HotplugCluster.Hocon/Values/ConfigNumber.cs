using System.Globalization;

namespace HotplugCluster.Hocon.Values;

/// <summary>A number, kept exactly as written (the spec requires the original text for concatenation and paths).</summary>
internal sealed class ConfigNumber(ConfigOrigin origin, string raw) : ConfigValue(origin)
{
    public string Raw { get; } = raw;

    internal override bool IsResolved => true;

    public bool TryGetLong(out long value)
    {
        if (long.TryParse(Raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (decimal.TryParse(Raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d)
            && d >= long.MinValue && d <= long.MaxValue)
        {
            value = (long)d;
            return true;
        }

        return false;
    }

    public double ToDouble() => double.Parse(Raw, NumberStyles.Float, CultureInfo.InvariantCulture);
}
