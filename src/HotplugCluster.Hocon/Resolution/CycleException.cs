namespace HotplugCluster.Hocon.Resolution;

/// <summary>Signals, inside the resolver only, that a lookup reached a value still being resolved; it never leaves the resolver.</summary>
#pragma warning disable CA1064 // Internal by design: the resolver turns it into a HoconException or an undefined optional substitution.
internal sealed class CycleException(ConfigValue node) : Exception("substitution cycle")
#pragma warning restore CA1064
{
    public ConfigValue Node { get; } = node;
}
