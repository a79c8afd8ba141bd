namespace HotplugCluster.Hocon.Parsing;

/// <summary>One parsed include statement.</summary>
internal sealed record IncludeRequest(IncludeKind Kind, string Name, bool Required, ConfigOrigin Origin);
