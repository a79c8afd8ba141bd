namespace HotplugCluster.Hocon.Values;

/// <summary>An object: fields in the order they were first defined.</summary>
internal sealed class ConfigObject : ConfigValue
{
    public ConfigObject(ConfigOrigin origin)
        : base(origin)
    {
    }

    public ConfigObject(ConfigOrigin origin, OrderedDictionary<string, ConfigValue> fields)
        : base(origin)
    {
        Fields = fields;
    }

    /// <summary>The fields; mutated only while the object is being built.</summary>
    public OrderedDictionary<string, ConfigValue> Fields { get; } = new(StringComparer.Ordinal);

    internal override bool IsResolved => Fields.Values.All(v => v.IsResolved);
}
