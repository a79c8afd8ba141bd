namespace HotplugCluster.Actors.Cells;

/// <summary>
/// Named children indexed by a number their names carry (<see cref="ActorContextExtensions.IndexChildrenBySlot"/>), in pages
/// of 256 made as slots are first used: a parent of thousands of children named by number (a host's memoryN block devices)
/// indexes them without a name table entry apiece, or that table's growth.
/// </summary>
internal sealed class ChildSlots(Func<string, int> slotOf)
{
    private const int PageBits = 8;
    private const int PageSize = 1 << PageBits;

    private ActorCell?[]?[] _pages = [];

    /// <summary>The slot of <paramref name="name"/>, or -1 when the name table keeps it.</summary>
    public int SlotOf(string name) => slotOf(name);

    public ActorCell? this[int slot]
    {
        get
        {
            var page = (uint)slot >> PageBits;
            return page < (uint)_pages.Length && _pages[page] is { } entries ? entries[slot & (PageSize - 1)] : null;
        }
    }

    public void Set(int slot, ActorCell? child)
    {
        var page = (int)((uint)slot >> PageBits);
        if (page >= _pages.Length)
        {
            if (child is null)
            {
                return;
            }

            Array.Resize(ref _pages, Math.Max(page + 1, _pages.Length * 2));
        }

        var entries = _pages[page];
        if (entries is null)
        {
            if (child is null)
            {
                return;
            }

            entries = _pages[page] = new ActorCell?[PageSize];
        }

        entries[slot & (PageSize - 1)] = child;
    }
}
