using System.Globalization;

namespace HotplugCluster.Hocon.Values;

/// <summary>The spec's conversion of numerically-indexed objects (<c>{ "0" : a, "1" : b }</c>) to arrays, done only when an array is required.</summary>
internal static class NumericObjects
{
    public static bool IsConvertible(ConfigValue value) =>
        value is ConfigObject o && o.Fields.Keys.Any(k => TryIndex(k, out _));

    public static ConfigList ToList(ConfigObject value) => new(
        value.Origin,
        value.Fields
            .Select(f => (Ok: TryIndex(f.Key, out var i), Index: i, f.Value))
            .Where(f => f.Ok)
            .OrderBy(f => f.Index)
            .Select(f => f.Value)
            .ToList());

    private static bool TryIndex(string key, out long index) =>
        long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out index);
}
