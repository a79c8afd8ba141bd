using HotplugCluster.Hocon.Values;

namespace HotplugCluster.Hocon;

/// <summary>Path lookup, origins and errors at a value's origin.</summary>
public sealed partial class Config
{
    /// <summary>True when <paramref name="path"/> holds a value other than null (as in Lightbend's <c>hasPath</c>).</summary>
    public bool HasPath(string path) => Find(ParsePath(path), out _) is { } value && value is not ConfigNull;

    /// <summary>Every non-object value with its path expression (keys quoted where needed), in definition order.</summary>
    public IReadOnlyList<KeyValuePair<string, ConfigValue>> Entries => [.. Leaves(Root, HoconPath.Empty)];

    private static IEnumerable<KeyValuePair<string, ConfigValue>> Leaves(ConfigObject obj, HoconPath prefix) =>
        obj.Fields.SelectMany(field => field.Value is ConfigObject child
            ? Leaves(child, prefix.Append(field.Key))
            : [new KeyValuePair<string, ConfigValue>(prefix.Append(field.Key).ToString(), field.Value)]);

    /// <summary>The value at <paramref name="path"/>; throws a <see cref="HoconException"/> naming the path when it is missing.</summary>
    public ConfigValue GetValue(string path) => Require(path);

    /// <summary>Where the value at <paramref name="path"/> was written.</summary>
    public ConfigOrigin GetOrigin(string path) => Require(path).Origin;

    /// <summary>
    /// An exception for a Settings reader to throw when the value at <paramref name="path"/> is well-formed HOCON but
    /// invalid for the setting: the message reads <c>FILE:LINE:COL: path: message</c>.
    /// </summary>
    public HoconException ErrorAt(string path, string message)
    {
        var parsed = ParsePath(path);
        var value = Find(parsed, out var deepest);
        return new HoconException((value ?? deepest).Origin, $"{parsed}: {message}");
    }

    private ConfigValue Require(string path)
    {
        RequireResolved();
        var parsed = ParsePath(path);
        var value = Find(parsed, out var deepest);
        if (value is null)
        {
            var reason = deepest is ConfigObject || ReferenceEquals(deepest, Root)
                ? "missing setting (no value at this path)"
                : $"missing setting (the value it would be under is {Describe(deepest)}, not an object)";
            throw new HoconException(deepest.Origin, $"{parsed}: {reason}");
        }

        return value;
    }

    /// <summary>Walks the tree; <paramref name="deepest"/> is the last value reached, used to place errors for missing paths.</summary>
    private ConfigValue? Find(HoconPath path, out ConfigValue deepest)
    {
        ConfigValue current = Root;
        deepest = Root;
        foreach (var key in path.Elements)
        {
            if (current is not ConfigObject o || !o.Fields.TryGetValue(key, out var child))
            {
                return null;
            }

            current = child;
            deepest = child;
        }

        return current;
    }

    private static HoconPath ParsePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return HoconPath.Parse(path);
    }
}
