using HotplugCluster.Actors.Collections;

namespace HotplugCluster.Actors.Cells;

/// <summary>
/// Named children indexed by a number their names carry (<see cref="ActorContextExtensions.IndexChildrenBySlot"/>), in a
/// <see cref="PagedTable{T}"/>: a parent of thousands of children named by number (a host's memoryN block devices)
/// indexes them without a name table entry apiece, or that table's growth.
/// </summary>
internal sealed class ChildSlots(Func<string, int> slotOf)
{
    private readonly PagedTable<ActorCell> _children = new();

    /// <summary>The slot of <paramref name="name"/>, or -1 when the name table keeps it.</summary>
    public int SlotOf(string name) => slotOf(name);

    public ActorCell? this[int slot] => _children[(uint)slot];

    public void Set(int slot, ActorCell? child) => _children.Set((uint)slot, child);
}
