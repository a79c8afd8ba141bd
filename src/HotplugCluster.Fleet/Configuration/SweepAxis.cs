using System.Collections.Immutable;
using HotplugCluster.Hocon;

namespace HotplugCluster.Fleet.Configuration;

/// <summary>One swept setting: its path (relative to a class, or <c>op.…</c> for the timeline's settings) and its values as HOCON text.</summary>
public sealed record SweepAxis(string Path, ImmutableArray<string> Values, ImmutableArray<ConfigOrigin> Origins)
{
    /// <summary>The last segment of the path, used to label variants (memmap-on-memory=on).</summary>
    public string ShortName => Path[(Path.LastIndexOf('.') + 1)..].Trim('"');
}
