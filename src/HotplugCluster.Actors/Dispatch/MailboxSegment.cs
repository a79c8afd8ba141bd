namespace HotplugCluster.Actors.Dispatch;

/// <summary>
/// One ring of a <see cref="MailboxQueue{T}"/>. Every slot carries a sequence number: equal to a position, the slot is free for the
/// producer that reserves that position; one more, it holds that position's item; the consumer frees it for the position a lap
/// later. Positions are ints compared by difference, so they may wrap.
/// </summary>
internal sealed class MailboxSegment<T>
{
    private readonly Slot[] _slots;
    private readonly int _mask;
    private MailboxEnds _ends;

    /// <summary>The segment that follows this one once it is full; set only after <see cref="Freeze"/>.</summary>
    internal MailboxSegment<T>? Next;

    public MailboxSegment(int capacity)
    {
        _slots = new Slot[capacity];
        _mask = capacity - 1;
        for (var i = 0; i < capacity; i++)
        {
            _slots[i].Sequence = i;
        }
    }

    public int Capacity => _slots.Length;

    /// <summary>Added to the tail when the segment freezes: every later reservation then sees a slot a lap behind and fails.</summary>
    private int FreezeOffset => 2 * _slots.Length;

    /// <summary>Whether every reserved position has been taken by the consumer.</summary>
    public bool IsDrained => Reserved(Volatile.Read(ref _ends.Head)) == 0;

    public bool TryEnqueue(T item)
    {
        var slots = _slots;
        while (true)
        {
            var position = Volatile.Read(ref _ends.Tail);
            ref var slot = ref slots[position & _mask];
            var lap = Volatile.Read(ref slot.Sequence) - position;
            if (lap == 0)
            {
                if (Interlocked.CompareExchange(ref _ends.Tail, position + 1, position) == position)
                {
                    slot.Item = item;
                    Volatile.Write(ref slot.Sequence, position + 1);
                    return true;
                }
            }
            else if (lap < 0)
            {
                // The consumer has not freed this slot yet (the ring is full), or the tail was frozen.
                return false;
            }
        }
    }

    /// <summary>Takes the item at the head; false when nothing is reserved there. Waits for a producer that has reserved the head's
    /// slot but not written it yet (a few instructions away), as the consumer of a concurrent queue must.</summary>
    public bool TryDequeue(out T item)
    {
        var position = _ends.Head;
        ref var slot = ref _slots[position & _mask];
        if (Volatile.Read(ref slot.Sequence) != position + 1)
        {
            if (Reserved(position) == 0)
            {
                item = default!;
                return false;
            }

            var spinner = default(SpinWait);
            while (Volatile.Read(ref slot.Sequence) != position + 1)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }

        item = slot.Item;
        slot.Item = default!;
        Volatile.Write(ref slot.Sequence, position + _slots.Length);
        Volatile.Write(ref _ends.Head, position + 1);
        return true;
    }

    /// <summary>Fails every later <see cref="TryEnqueue"/>, so that no item lands here after its successor is linked; called once,
    /// by the one producer that takes this segment's lock while it is still the tail.</summary>
    public void Freeze()
    {
        while (true)
        {
            var tail = Volatile.Read(ref _ends.Tail);
            if (Interlocked.CompareExchange(ref _ends.Tail, tail + FreezeOffset, tail) == tail)
            {
                return;
            }
        }
    }

    /// <summary>Positions reserved from <paramref name="head"/> on, whether the segment is frozen or not.</summary>
    private int Reserved(int head)
    {
        var reserved = Volatile.Read(ref _ends.Tail) - head;
        return reserved >= FreezeOffset ? reserved - FreezeOffset : reserved;
    }

    private struct Slot
    {
        public T Item;
        public int Sequence;
    }
}
