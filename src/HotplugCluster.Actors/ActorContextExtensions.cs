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

    /// <summary>
    /// Indexes the calling actor's named children by a number their names carry, in a table of pages made as numbers are
    /// first used, instead of a name table entry apiece: for a parent of thousands of children named by number (a host's
    /// memoryN block devices). <paramref name="slotOf"/> maps a name to its number (0 or more), distinct names to distinct
    /// numbers, or returns -1 for a name the name table keeps. Children are named, found and removed as ever; children
    /// created before the call stay in the name table, and a later call keeps the first index.
    /// </summary>
    public static void IndexChildrenBySlot(this IActorContext context, Func<string, int> slotOf)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(slotOf);
        if (context is ActorCell cell)
        {
            cell.IndexChildrenBySlot(slotOf);
        }
    }

    /// <summary>
    /// The calling actor's name, as <c>Self.Path.Name</c> gives it, without building its path: for an actor that reads its
    /// identity from its name when constructed and has many siblings (a host's memory block devices).
    /// </summary>
    public static string SelfName(this IActorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context is ActorCell cell ? cell.Name : context.Self.Path.Name;
    }

    /// <summary>
    /// Stops the calling actor within its current message, when nothing could tell that from <c>Context.Stop(Self)</c> but
    /// the steps it saves: the actor has no children, nothing queued or stashed and nobody watching it, its parent is neither
    /// stopping nor restarting, and it runs on a deterministic dispatcher's driving thread. Then PostStop runs and the parent
    /// forgets the child at once (no Terminate step, no parent notice step), and true is returned; otherwise nothing is done
    /// and false is returned (stop the usual way). Call it from the actor's own message handling, as its last act.
    /// </summary>
    public static bool TryStopSelfNow(this IActorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context is ActorCell cell && cell.TryStopSelfNow();
    }
}
