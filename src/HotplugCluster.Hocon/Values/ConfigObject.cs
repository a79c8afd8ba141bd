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

    /// <summary>
    /// True when the object replaced a non-object value: it then hides every fallback below it, so objects never merge
    /// across a non-object (spec: "Config object merging and file merging").
    /// </summary>
    public bool IgnoresFallbacks { get; init; }

    internal override bool IsResolved => Fields.Values.All(v => v.IsResolved);
}
