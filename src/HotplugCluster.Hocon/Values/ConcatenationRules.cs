using System.Text;

namespace HotplugCluster.Hocon.Values;

/// <summary>The spec's value concatenation: all simple values make a string, all arrays one array, all objects one merged object.</summary>
internal static class ConcatenationRules
{
    /// <summary>Combines resolved parts; a null part is an undefined optional substitution. Returns null when every part was undefined.</summary>
    public static ConfigValue? Combine(ConfigOrigin origin, IReadOnlyList<ConfigValue?> parts)
    {
        var values = parts.Where(p => p is not null and not ConfigString { IsWhitespace: true }).Select(p => p!).ToList();
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Any(v => v is ConfigObject or ConfigList))
        {
            if (values.All(v => v is ConfigObject))
            {
                return values.Aggregate(Merger.Merge);
            }

            if (values.Any(v => v is ConfigList) && values.All(v => v is ConfigList || NumericObjects.IsConvertible(v)))
            {
                var items = values.SelectMany(v => v is ConfigList l ? l.Items : NumericObjects.ToList((ConfigObject)v).Items);
                return new ConfigList(values[0].Origin, items.ToList());
            }

            var first = values[0];
            var offender = values.First(v => Kind(v) != Kind(first));
            throw new HoconException(offender.Origin, $"cannot concatenate {Kind(first)} with {Kind(offender)}: a value concatenation must be all strings, all arrays or all objects");
        }

        if (values.Count == 1 && parts.Count == 1)
        {
            return values[0];
        }

        var sb = new StringBuilder();
        foreach (var part in parts)
        {
            sb.Append(part is null ? "" : TextOf(part));
        }

        return new ConfigString(origin, sb.ToString());
    }

    /// <summary>The text of a simple value inside a concatenation: numbers as written, booleans and null as their words.</summary>
    public static string TextOf(ConfigValue value) => value switch
    {
        ConfigString s => s.Value,
        ConfigNumber n => n.Raw,
        ConfigBoolean b => b.Value ? "true" : "false",
        ConfigNull => "null",
        _ => throw new InvalidOperationException("Only simple values have text."),
    };

    public static string Kind(ConfigValue value) => value switch
    {
        ConfigObject => "an object",
        ConfigList => "an array",
        ConfigNumber => "a number",
        ConfigBoolean => "a boolean",
        ConfigNull => "null",
        _ => "a string",
    };
}
