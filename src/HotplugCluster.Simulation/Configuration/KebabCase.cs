using System.Text;

namespace HotplugCluster.Simulation.Configuration;

/// <summary>Kebab-case names of enum members, so that config spellings follow the C# names without a table per enum.</summary>
public static class KebabCase
{
    /// <summary><c>UnpairedMemHotplugBeginOnRemove</c> → <c>unpaired-mem-hotplug-begin-on-remove</c>; an acronym stays one word (<c>ACPIFoo</c> → <c>acpi-foo</c>).</summary>
    public static string Of(string pascal)
    {
        ArgumentNullException.ThrowIfNull(pascal);
        var sb = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c) && i > 0)
            {
                var prev = pascal[i - 1];
                var nextIsLower = i + 1 < pascal.Length && char.IsLower(pascal[i + 1]);
                if (char.IsLower(prev) || char.IsDigit(prev) || (char.IsUpper(prev) && nextIsLower))
                {
                    sb.Append('-');
                }
            }
            else if (char.IsDigit(c) && i > 0 && char.IsLetter(pascal[i - 1]))
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }

    /// <summary>Every named member of <typeparamref name="T"/> except <paramref name="skip"/>, by kebab-case name, in declaration value order.</summary>
    public static IReadOnlyList<(string Name, T Value)> Members<T>(params T[] skip)
        where T : struct, Enum =>
        [.. Enum.GetValues<T>().Where(v => !skip.Contains(v)).Select(v => (Of(Enum.GetName(v)!), v))];
}
