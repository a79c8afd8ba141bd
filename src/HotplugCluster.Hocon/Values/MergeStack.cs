namespace HotplugCluster.Hocon.Values;

/// <summary>
/// Successive definitions of one field that could not be merged while parsing (at least one holds a substitution), oldest
/// first. Resolution merges them top-down, and a self-reference in a layer sees only the layers below it.
/// </summary>
internal sealed class MergeStack(IReadOnlyList<ConfigValue> layers) : ConfigValue(layers[^1].Origin)
{
    public IReadOnlyList<ConfigValue> Layers { get; } = layers;

    internal override bool IsResolved => false;
}
