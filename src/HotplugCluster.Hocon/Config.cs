using HotplugCluster.Hocon.Rendering;
using HotplugCluster.Hocon.Resolution;
using HotplugCluster.Hocon.Values;

namespace HotplugCluster.Hocon;

/// <summary>
/// An immutable configuration tree. Parse with <see cref="ConfigFactory"/>, layer with <see cref="WithFallback"/>, then
/// <see cref="Resolve"/> once and read settings with the typed getters; every error names the path and the value's origin.
/// </summary>
public sealed partial class Config
{
    private bool? _isResolved;

    internal Config(ConfigObject root)
    {
        Root = root;
    }

    /// <summary>A configuration with no settings.</summary>
    public static Config Empty { get; } = new(new ConfigObject(new ConfigOrigin("empty configuration", 1, 1)));

    internal ConfigObject Root { get; }

    /// <summary>True when no substitution is left to resolve.</summary>
    public bool IsResolved => _isResolved ??= Root.IsResolved;

    /// <summary>The top-level keys, in the order they were first defined.</summary>
    public IReadOnlyList<string> Keys => [.. Root.Fields.Keys];

    /// <summary>Returns a configuration where this one's settings win and <paramref name="fallback"/> supplies the rest (objects merge, per the spec).</summary>
    public Config WithFallback(Config fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        return new Config((ConfigObject)Merger.Merge(fallback.Root, Root));
    }

    /// <summary>Resolves every substitution; throws <see cref="HoconException"/> for an undefined required substitution or a cycle.</summary>
    public Config Resolve(ConfigResolveOptions? options = null) =>
        IsResolved ? this : new Config(Resolver.Resolve(Root, options ?? ConfigResolveOptions.Default));

    /// <summary>Renders the configuration as HOCON; with <paramref name="withOrigins"/> each value carries a <c># FILE:LINE:COL</c> comment.</summary>
    public string ToHocon(bool withOrigins = false) => HoconRenderer.RenderRoot(Root, withOrigins);

    /// <summary>Renders the resolved configuration as one JSON object; with <paramref name="withOrigins"/> each leaf is <c>{ "value", "origin" }</c>.</summary>
    public string ToJson(bool withOrigins = false)
    {
        RequireResolved();
        return JsonRenderer.Render(Root, withOrigins);
    }

    public override string ToString() => ToHocon();

    private void RequireResolved()
    {
        if (!IsResolved)
        {
            throw new InvalidOperationException("The configuration holds unresolved substitutions; call Resolve() first.");
        }
    }
}
