namespace HotplugCluster.Hocon;

/// <summary>The JSON type of a resolved configuration value.</summary>
#pragma warning disable CA1720 // The members are the JSON type names on purpose.
public enum ConfigValueType
{
    Object,
    List,
    String,
    Number,
    Boolean,
    Null,
}
#pragma warning restore CA1720
