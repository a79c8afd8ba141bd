using HotplugCluster.Kernel.MemoryBlocks;

namespace HotplugCluster.Kernel.Host;

/// <summary>
/// Storage a finished host's state hands to the next copy made on the same thread (<see cref="HostState(HostState, HostStateStorage?)"/>):
/// its block table's slots, the one large array of a state. A fleet worker copies a class's state for every host it runs,
/// and each copy's slots (0.46 MB for a scale-target host) lived exactly as long as the host, long enough to be promoted by
/// every collection that caught the host in flight. Not thread-safe: one per worker.
/// </summary>
public sealed class HostStateStorage
{
    private MemoryBlock[]? _slots;

    /// <summary>
    /// Takes <paramref name="finished"/>'s storage for the next copy. The state must not be read again: its block table is
    /// left empty, so a read fails or finds no block rather than seeing another host's.
    /// </summary>
    public void Recycle(HostState finished)
    {
        ArgumentNullException.ThrowIfNull(finished);
        _slots = finished.Blocks.GiveUpSlots();
    }

    /// <summary>The recycled slots if they have <paramref name="length"/> entries (their contents are overwritten), else null.</summary>
    internal MemoryBlock[]? Take(int length)
    {
        var slots = _slots;
        if (slots is null || slots.Length != length)
        {
            return null;
        }

        _slots = null;
        return slots;
    }
}
