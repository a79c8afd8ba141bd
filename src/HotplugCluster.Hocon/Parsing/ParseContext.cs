namespace HotplugCluster.Hocon.Parsing;

/// <summary>
/// What a parser knows about the text it reads: its display name, the directory relative includes start from, the path
/// of its root inside the whole configuration (non-empty for included files), the files being included (for cycles) and
/// the nesting depth its root starts at (so that includes cannot nest values deeper than the parser allows).
/// </summary>
internal sealed record ParseContext(string Source, string? Directory, HoconPath Prefix, IReadOnlyList<string> IncludeChain, int Depth = 0);
