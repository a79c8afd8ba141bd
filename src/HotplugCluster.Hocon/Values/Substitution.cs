namespace HotplugCluster.Hocon.Values;

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>. <see cref="Candidates"/> are the paths tried in order: inside an included file the path
/// fixed up under the include's key comes first, then the path as written (spec: "Include semantics: substitution").
/// </summary>
internal sealed class Substitution(ConfigOrigin origin, HoconPath path, bool optional, IReadOnlyList<HoconPath> candidates)
    : ConfigValue(origin)
{
    public HoconPath Path { get; } = path;

    public bool Optional { get; } = optional;

    public IReadOnlyList<HoconPath> Candidates { get; } = candidates;

    internal override bool IsResolved => false;

    public string Text => Optional ? $"${{?{Path}}}" : $"${{{Path}}}";
}
