using System.Text;
using HotplugCluster.Hocon.Parsing;

namespace HotplugCluster.Hocon;

/// <summary>A path through the object tree, one element per key; elements may hold dots when they were quoted.</summary>
internal sealed class HoconPath : IEquatable<HoconPath>
{
    public HoconPath(IReadOnlyList<string> elements)
    {
        Elements = elements;
    }

    public static HoconPath Empty { get; } = new([]);

    public IReadOnlyList<string> Elements { get; }

    public int Count => Elements.Count;

    public string this[int index] => Elements[index];

    /// <summary>Parses a path expression such as <c>a.b."c.d"</c>, as used by the getters.</summary>
    public static HoconPath Parse(string text) => PathParser.ParseExpression(text);

    public HoconPath Concat(HoconPath other) => Count == 0 ? other : new([.. Elements, .. other.Elements]);

    public HoconPath Append(string key) => new([.. Elements, key]);

    public HoconPath Take(int count) => new(Elements.Take(count).ToArray());

    public bool StartsWith(HoconPath prefix) =>
        prefix.Count <= Count && prefix.Elements.Select((e, i) => e == Elements[i]).All(b => b);

    /// <summary>The name tried as an environment variable: the elements joined by dots.</summary>
    public string EnvironmentName => string.Join('.', Elements);

    public bool Equals(HoconPath? other) => other is not null && Elements.SequenceEqual(other.Elements);

    public override bool Equals(object? obj) => obj is HoconPath p && Equals(p);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var e in Elements)
        {
            hash.Add(e, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => string.Join('.', Elements.Select(RenderKey));

    /// <summary>Renders one key, quoted unless it is a plain word that reads back as the same single path element.</summary>
    public static string RenderKey(string key)
    {
        var plain = key.Length > 0 && key != "include" && key[0] != '-'
            && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');
        return plain ? key : Quote(key);
    }

    /// <summary>Renders a JSON string literal.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4"));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
