using System.Globalization;

namespace HotplugCluster.Simulation.Shell;

/// <summary>ndctl's <c>__parse_size64()</c> (util/size.c): <c>strtoull(str, &amp;end, 0)</c>, then one K/M/G/T suffix.</summary>
internal static class DaxctlSize
{
    /// <summary>The size in bytes, or -1 (ULLONG_MAX as daxctl's <c>long long</c>) when the text is not a size.</summary>
    public static long Parse(string text)
    {
        var s = text.TrimStart(' ', '\t', '\n');
        if (s.StartsWith('+'))
        {
            s = s[1..];
        }

        var (radix, digits) = s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && s.Length > 2 && Uri.IsHexDigit(s[2]) ? (16, s[2..])
            : s.StartsWith('0') ? (8, s) : (10, s);
        var n = digits.TakeWhile(c => radix == 16 ? Uri.IsHexDigit(c) : c >= '0' && c < '0' + radix).Count();
        ulong value = 0;
        foreach (var c in digits[..n])
        {
            var d = (ulong)int.Parse(c.ToString(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (value > (ulong.MaxValue - d) / (ulong)radix)
            {
                return -1;
            }

            value = (value * (ulong)radix) + d;
        }

        var rest = digits[n..];
        ulong unit = rest.Length == 0 ? 1 : char.ToUpperInvariant(rest[0]) switch
        {
            'K' => 1UL << 10,
            'M' => 1UL << 20,
            'G' => 1UL << 30,
            'T' => 1UL << 40,
            _ => 0,
        };
        if (unit == 0 || (rest.Length > 1) || value > ulong.MaxValue / unit)
        {
            return -1;
        }

        return unchecked((long)(value * unit));
    }
}
