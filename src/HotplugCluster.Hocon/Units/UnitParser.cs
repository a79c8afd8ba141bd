using System.Globalization;
using System.Numerics;

namespace HotplugCluster.Hocon.Units;

/// <summary>
/// The spec's "units format": optional whitespace, a number, optional whitespace, an optional unit made of letters,
/// optional whitespace. The number may have a fraction or exponent; the result must be a whole count of the base unit.
/// </summary>
internal static class UnitParser
{
    /// <summary>Splits <paramref name="text"/> into its number and unit; false when it does not have that shape.</summary>
    public static bool TrySplit(string text, out decimal number, out string unit)
    {
        var trimmed = text.Trim();
        var end = trimmed.Length;
        while (end > 0 && char.IsLetter(trimmed[end - 1]))
        {
            end--;
        }

        unit = trimmed[end..];
        var digits = trimmed[..end].TrimEnd();
        number = 0;
        return digits.Length > 0 && (char.IsAsciiDigit(digits[0]) || digits[0] == '-')
            && decimal.TryParse(digits, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>Multiplies exactly; null when the result is not a whole number.</summary>
    public static BigInteger? Scale(decimal number, BigInteger factor)
    {
        var bits = decimal.GetBits(number);
        var mantissa = new BigInteger((uint)bits[0]) | (new BigInteger((uint)bits[1]) << 32) | (new BigInteger((uint)bits[2]) << 64);
        var scale = (bits[3] >> 16) & 0xFF;
        if (bits[3] < 0)
        {
            mantissa = -mantissa;
        }

        var divisor = BigInteger.Pow(10, scale);
        var product = mantissa * factor;
        return product % divisor == 0 ? product / divisor : null;
    }
}
