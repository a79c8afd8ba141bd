using System.Numerics;

namespace HotplugCluster.Hocon.Units;

/// <summary>Size-in-bytes unit names, exactly the spec's list ("Size in bytes format"): K is 1024, kB is 1000, KB is not a unit.</summary>
internal static class SizeUnits
{
    private static readonly Dictionary<string, BigInteger> Factors = Build();

    public static bool TryGetFactor(string unit, out BigInteger factor) => Factors.TryGetValue(unit, out factor);

    private static Dictionary<string, BigInteger> Build()
    {
        var factors = new Dictionary<string, BigInteger>(StringComparer.Ordinal)
        {
            ["B"] = 1, ["b"] = 1, ["byte"] = 1, ["bytes"] = 1,
        };
        string[] decimalNames = ["kilo", "mega", "giga", "tera", "peta", "exa", "zetta", "yotta"];
        string[] binaryNames = ["kibi", "mebi", "gibi", "tebi", "pebi", "exbi", "zebi", "yobi"];
        const string letters = "KMGTPEZY";
        for (var i = 0; i < letters.Length; i++)
        {
            var power = i + 1;
            var ten = BigInteger.Pow(1000, power);
            var two = BigInteger.Pow(1024, power);
            var upper = letters[i].ToString();
            var lower = char.ToLowerInvariant(letters[i]).ToString();
            factors[(i == 0 ? "k" : upper) + "B"] = ten;
            factors[decimalNames[i] + "byte"] = ten;
            factors[decimalNames[i] + "bytes"] = ten;
            factors[upper] = two;
            factors[lower] = two;
            factors[upper + "i"] = two;
            factors[upper + "iB"] = two;
            factors[binaryNames[i] + "byte"] = two;
            factors[binaryNames[i] + "bytes"] = two;
        }

        return factors;
    }
}
