namespace HotplugCluster.Hocon.Values;

/// <summary>
/// The spec's merge rule for duplicate keys, includes and fallbacks: a later object merges with an earlier object, any
/// other later value replaces what was there; values whose type is unknown until resolution are kept in a <see cref="MergeStack"/>.
/// </summary>
internal static class Merger
{
    public static ConfigValue Merge(ConfigValue older, ConfigValue newer)
    {
        switch (newer)
        {
            case MergeStack stack:
                var merged = older;
                foreach (var layer in stack.Layers)
                {
                    merged = Merge(merged, layer);
                }

                return merged;
            case ConfigObject { IgnoresFallbacks: true }:
                return newer;
            case ConfigObject newObject:
                return older switch
                {
                    ConfigObject oldObject => MergeObjects(oldObject, newObject),
                    MergeStack s when s.Layers[^1] is ConfigObject top =>
                        new MergeStack([.. s.Layers.Take(s.Layers.Count - 1), MergeObjects(top, newObject)]),
                    MergeStack s => new MergeStack([.. s.Layers, newer]),
                    Substitution or Concatenation => new MergeStack([older, newer]),
                    _ => new ConfigObject(newObject.Origin, newObject.Fields) { IgnoresFallbacks = true },
                };
            case Substitution or Concatenation:
                return older is MergeStack olderStack ? new MergeStack([.. olderStack.Layers, newer]) : new MergeStack([older, newer]);
            default:
                return newer;
        }
    }

    public static ConfigObject MergeObjects(ConfigObject older, ConfigObject newer)
    {
        var fields = new OrderedDictionary<string, ConfigValue>(older.Fields, StringComparer.Ordinal);
        foreach (var (key, value) in newer.Fields)
        {
            fields[key] = fields.TryGetValue(key, out var existing) ? Merge(existing, value) : value;
        }

        return new ConfigObject(older.Origin, fields) { IgnoresFallbacks = older.IgnoresFallbacks };
    }

    /// <summary>Sets <paramref name="key"/> of an object being built, merging with an earlier definition.</summary>
    public static void MergeField(ConfigObject target, string key, ConfigValue value) =>
        target.Fields[key] = target.Fields.TryGetValue(key, out var existing) ? Merge(existing, value) : value;
}
