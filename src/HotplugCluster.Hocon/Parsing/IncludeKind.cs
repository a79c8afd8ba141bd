namespace HotplugCluster.Hocon.Parsing;

/// <summary>How an include names its resource.</summary>
internal enum IncludeKind
{
    Heuristic,
    File,
    Url,
    Classpath,
}
