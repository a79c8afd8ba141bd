using System.Collections.Immutable;

namespace HotplugCluster.Fleet.Configuration;

/// <summary>One point of the sweep: the values it assigns (path, HOCON text), the classes and timeline they give.</summary>
public sealed record FleetVariant(
    int Index,
    ImmutableArray<KeyValuePair<string, string>> Assignments,
    ImmutableArray<HostClass> Classes,
    ImmutableArray<FleetOperation> Timeline)
{
    /// <summary>"memmap-on-memory=on, memory-block-size=256MiB", or "baseline" when nothing is swept.</summary>
    public string Label => Assignments.IsEmpty
        ? "baseline"
        : string.Join(", ", Assignments.Select(a => $"{a.Key[(a.Key.LastIndexOf('.') + 1)..]}={a.Value.Trim('"')}"));

    /// <summary>Hosts in the variant.</summary>
    public int HostCount => Classes.Sum(c => c.Count);
}
