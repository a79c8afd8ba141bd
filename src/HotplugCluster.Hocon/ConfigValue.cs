using HotplugCluster.Hocon.Rendering;
using HotplugCluster.Hocon.Values;

namespace HotplugCluster.Hocon;

/// <summary>One value of a configuration tree, with the place it was written. Subtypes are internal; read values through <see cref="Config"/>.</summary>
public abstract class ConfigValue
{
    private protected ConfigValue(ConfigOrigin origin)
    {
        Origin = origin;
    }

    /// <summary>Where the value was written.</summary>
    public ConfigOrigin Origin { get; }

    /// <summary>The JSON type of the value; only resolved values have one.</summary>
    public ConfigValueType Type => this switch
    {
        ConfigObject => ConfigValueType.Object,
        ConfigList => ConfigValueType.List,
        ConfigString => ConfigValueType.String,
        ConfigNumber => ConfigValueType.Number,
        ConfigBoolean => ConfigValueType.Boolean,
        ConfigNull => ConfigValueType.Null,
        _ => throw new InvalidOperationException("The value holds unresolved substitutions; resolve the configuration first."),
    };

    /// <summary>True when the value and everything inside it is free of substitutions.</summary>
    internal abstract bool IsResolved { get; }

    /// <summary>The value as plain .NET data: strings, numbers as the text they were written as, booleans, null, lists and dictionaries.</summary>
    public object? Unwrapped => this switch
    {
        ConfigObject o => o.Fields.ToDictionary(f => f.Key, f => f.Value.Unwrapped),
        ConfigList l => l.Items.Select(i => i.Unwrapped).ToList(),
        ConfigString s => s.Value,
        ConfigNumber n => n.Raw,
        ConfigBoolean b => b.Value,
        _ => null,
    };

    /// <summary>The value as a configuration of its own when it is an object (an entry of an array of objects), else null.</summary>
    public Config? AsConfig() => this is ConfigObject o ? new Config(o) : null;

    /// <summary>Renders the value as HOCON.</summary>
    public override string ToString() => HoconRenderer.Render(this, withOrigins: false);
}
