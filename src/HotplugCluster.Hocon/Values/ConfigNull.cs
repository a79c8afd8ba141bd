namespace HotplugCluster.Hocon.Values;

/// <summary>The <c>null</c> literal.</summary>
internal sealed class ConfigNull(ConfigOrigin origin) : ConfigValue(origin)
{
    internal override bool IsResolved => true;
}
