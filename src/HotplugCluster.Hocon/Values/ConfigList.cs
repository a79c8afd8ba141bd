namespace HotplugCluster.Hocon.Values;

/// <summary>An array.</summary>
internal sealed class ConfigList(ConfigOrigin origin, IReadOnlyList<ConfigValue> items) : ConfigValue(origin)
{
    public IReadOnlyList<ConfigValue> Items { get; } = items;

    internal override bool IsResolved => Items.All(v => v.IsResolved);
}
