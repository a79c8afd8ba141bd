using System.Text;
using System.Text.RegularExpressions;
using HotplugCluster.Hocon.Values;

namespace HotplugCluster.Hocon.Rendering;

/// <summary>Renders values as HOCON that parses back to the same values; optionally each value is followed by a comment naming its origin.</summary>
internal static partial class HoconRenderer
{
    public static string Render(ConfigValue value, bool withOrigins) =>
        value is ConfigObject o ? RenderRoot(o, withOrigins) : Inline(value);

    public static string RenderRoot(ConfigObject root, bool withOrigins)
    {
        var sb = new StringBuilder();
        WriteFields(sb, root, 0, withOrigins);
        return sb.ToString();
    }

    private static void WriteFields(StringBuilder sb, ConfigObject obj, int depth, bool withOrigins)
    {
        foreach (var (key, value) in obj.Fields)
        {
            WriteField(sb, HoconPath.RenderKey(key), value, depth, withOrigins);
        }
    }

    private static void WriteField(StringBuilder sb, string key, ConfigValue value, int depth, bool withOrigins)
    {
        var indent = new string(' ', depth * 2);
        switch (value)
        {
            case MergeStack stack:
                // Each layer as its own definition: later definitions merge over earlier ones exactly as the stack does.
                foreach (var layer in stack.Layers)
                {
                    WriteField(sb, key, layer, depth, withOrigins);
                }

                break;
            case ConfigObject { Fields.Count: 0 }:
                sb.Append(indent).Append(key).Append(" {}\n");
                break;
            case ConfigObject o:
                sb.Append(indent).Append(key).Append(" {\n");
                WriteFields(sb, o, depth + 1, withOrigins);
                sb.Append(indent).Append("}\n");
                break;
            default:
                sb.Append(indent).Append(key).Append(" = ").Append(Inline(value));
                if (withOrigins)
                {
                    sb.Append("  # ").Append(value.Origin);
                }

                sb.Append('\n');
                break;
        }
    }

    /// <summary>Renders a value on one line.</summary>
    public static string Inline(ConfigValue value) => value switch
    {
        ConfigObject o => o.Fields.Count == 0
            ? "{}"
            : "{ " + string.Join(", ", o.Fields.Select(f => $"{HoconPath.RenderKey(f.Key)} = {Inline(f.Value)}")) + " }",
        ConfigList l => "[" + string.Join(", ", l.Items.Select(Inline)) + "]",
        ConfigString s => RenderString(s.Value),
        ConfigNumber n => n.Raw,
        ConfigBoolean b => b.Value ? "true" : "false",
        ConfigNull => "null",
        Substitution s => s.Text,
        Concatenation c => string.Concat(c.Parts.Select(p => p is ConfigString { IsWhitespace: true } w ? w.Value : Inline(p))),
        MergeStack m => Inline(m.Layers[^1]),
        _ => throw new InvalidOperationException($"Unknown value {value.GetType().Name}."),
    };

    /// <summary>Leaves words and numbers-with-units (<c>deterministic</c>, <c>5s</c>, <c>128MiB</c>) unquoted, quotes everything else.</summary>
    public static string RenderString(string s) =>
        (PlainWord().IsMatch(s) && !s.StartsWith("true", StringComparison.Ordinal) && !s.StartsWith("false", StringComparison.Ordinal)
            && !s.StartsWith("null", StringComparison.Ordinal) && !s.Contains("//", StringComparison.Ordinal))
        || NumberWithUnit().IsMatch(s)
            ? s
            : HoconPath.Quote(s);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_./-]*$")]
    private static partial Regex PlainWord();

    [GeneratedRegex("^[1-9][0-9]*(\\.[0-9]+)?[A-Za-z]+$")]
    private static partial Regex NumberWithUnit();
}
