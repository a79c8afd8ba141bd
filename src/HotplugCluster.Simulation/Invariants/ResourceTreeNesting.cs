using HotplugCluster.Kernel.Resources;

namespace HotplugCluster.Simulation.Invariants;

/// <summary>The iomem resource tree nests and never overlaps: every child lies inside its parent, siblings are ordered and disjoint.</summary>
/// <remarks>kernel/resource.c <c>__request_resource()</c>, <c>__insert_resource()</c>.</remarks>
public sealed class ResourceTreeNesting : IInvariant
{
    public string Name => "resource-tree";

    public string Description => "the resource tree nests and never overlaps";

    public IEnumerable<InvariantViolation> Check(InvariantContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pending = new Stack<Resource>();
        pending.Push(context.State.Resources.Root);
        while (pending.Count > 0)
        {
            var parent = pending.Pop();
            Resource? previous = null;
            foreach (var child in parent.Children)
            {
                if (child.Start < parent.Start || child.End > parent.End)
                {
                    yield return new(Name, $"{Describe(child)} sticks out of its parent {Describe(parent)}");
                }

                if (child.End < child.Start)
                {
                    yield return new(Name, $"{Describe(child)} ends before it starts");
                }

                if (previous is not null && child.Start <= previous.End)
                {
                    yield return new(Name, $"{Describe(child)} overlaps or precedes its sibling {Describe(previous)}");
                }

                if (!ReferenceEquals(child.Parent, parent))
                {
                    yield return new(Name, $"{Describe(child)} is listed under {Describe(parent)} but points at another parent");
                }

                previous = child;
                pending.Push(child);
            }
        }
    }

    internal static string Describe(Resource r) => $"[{r.Start.Value:x}-{r.End.Value:x} {r.Name}]";
}
