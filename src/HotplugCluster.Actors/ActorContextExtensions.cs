using HotplugCluster.Actors.Cells;

namespace HotplugCluster.Actors;

/// <summary>Additions to <see cref="IActorContext"/> that Akka does not have.</summary>
public static class ActorContextExtensions
{
    /// <summary>
    /// Makes room for <paramref name="count"/> more named children at once, for a parent about to spawn thousands
    /// (a host's memory-hotplug core restoring its block devices): the name index is not grown step by step.
    /// A hint only: children are created as ever.
    /// </summary>
    public static void ReserveChildren(this IActorContext context, int count)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (context is ActorCell cell)
        {
            cell.ReserveChildren(count);
        }
    }
}
