namespace HotplugCluster.Hocon.Values;

/// <summary>A string; <see cref="IsWhitespace"/> marks the unquoted whitespace between parts of a concatenation.</summary>
internal sealed class ConfigString(ConfigOrigin origin, string value, bool isWhitespace = false) : ConfigValue(origin)
{
    public string Value { get; } = value;

    public bool IsWhitespace { get; } = isWhitespace;

    internal override bool IsResolved => true;
}
