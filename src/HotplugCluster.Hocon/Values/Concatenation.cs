namespace HotplugCluster.Hocon.Values;

/// <summary>A value concatenation that could not be folded while parsing because it holds substitutions.</summary>
internal sealed class Concatenation(ConfigOrigin origin, IReadOnlyList<ConfigValue> parts) : ConfigValue(origin)
{
    /// <summary>The parts in order, including whitespace strings between them.</summary>
    public IReadOnlyList<ConfigValue> Parts { get; } = parts;

    internal override bool IsResolved => false;
}
