using System.Text;
using HotplugCluster.Hocon.Values;

namespace HotplugCluster.Hocon.Rendering;

/// <summary>Renders a resolved tree as indented JSON; with origins each leaf becomes <c>{ "value": v, "origin": "FILE:LINE:COL" }</c>.</summary>
internal static class JsonRenderer
{
    public static string Render(ConfigValue value, bool withOrigins)
    {
        var sb = new StringBuilder();
        Write(sb, value, 0, withOrigins);
        return sb.Append('\n').ToString();
    }

    private static void Write(StringBuilder sb, ConfigValue value, int depth, bool withOrigins)
    {
        var inner = new string(' ', (depth + 1) * 2);
        var outer = new string(' ', depth * 2);
        switch (value)
        {
            case ConfigObject { Fields.Count: 0 }:
                sb.Append("{}");
                break;
            case ConfigObject o:
                sb.Append("{\n");
                var first = true;
                foreach (var (key, field) in o.Fields)
                {
                    sb.Append(first ? "" : ",\n").Append(inner).Append(HoconPath.Quote(key)).Append(": ");
                    Write(sb, field, depth + 1, withOrigins);
                    first = false;
                }

                sb.Append('\n').Append(outer).Append('}');
                break;
            case ConfigList { Items.Count: 0 }:
                sb.Append("[]");
                break;
            case ConfigList l:
                sb.Append("[\n");
                for (var i = 0; i < l.Items.Count; i++)
                {
                    sb.Append(i == 0 ? "" : ",\n").Append(inner);
                    Write(sb, l.Items[i], depth + 1, withOrigins);
                }

                sb.Append('\n').Append(outer).Append(']');
                break;
            default:
                var scalar = value switch
                {
                    ConfigString s => HoconPath.Quote(s.Value),
                    ConfigNumber n => n.Raw,
                    ConfigBoolean b => b.Value ? "true" : "false",
                    ConfigNull => "null",
                    _ => throw new InvalidOperationException("Only resolved values can be rendered as JSON."),
                };
                sb.Append(withOrigins ? $"{{ \"value\": {scalar}, \"origin\": {HoconPath.Quote(value.Origin.ToString())} }}" : scalar);
                break;
        }
    }
}
