namespace HotplugCluster.Hocon.Values;

/// <summary>A boolean literal (<c>true</c> or <c>false</c>).</summary>
internal sealed class ConfigBoolean(ConfigOrigin origin, bool value) : ConfigValue(origin)
{
    public bool Value { get; } = value;

    internal override bool IsResolved => true;
}
