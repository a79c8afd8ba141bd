namespace HotplugCluster.Actors.Dispatch;

/// <summary>
/// An unbounded FIFO for many producers and one consumer at a time: a <see cref="System.Collections.Concurrent.ConcurrentQueue{T}"/>
/// without the compare-and-swap its consumer pays on every dequeue (which also kept the next slot's cache miss from overlapping the
/// current message). Producers reserve a slot of the tail ring with one CAS; the consumer, the thread running the actor, reads and
/// frees slots with plain ordered loads and stores. A full ring is frozen and followed by one twice its size.
/// </summary>
/// <remarks>Only the thread running the actor may call <see cref="TryDequeue"/>; <see cref="IsEmpty"/> may be read by any thread
/// as a hint, and is exact on the consumer's thread.</remarks>
internal sealed class MailboxQueue<T>
{
    private const int InitialCapacity = 32;

    // 1024 slots of an envelope are 24 KiB: a flooded mailbox's segments stay in the small-object heap, which a gen-0 collection
    // reclaims, rather than the large-object heap (85,000 bytes and up), which only a full collection does.
    private const int MaxCapacity = 1024;

    private MailboxSegment<T> _head;
    private MailboxSegment<T> _tail;

    public MailboxQueue()
    {
        _head = _tail = new MailboxSegment<T>(InitialCapacity);
    }

    /// <summary>Whether no item is queued or being queued; a hint unless called by the consumer.</summary>
    public bool IsEmpty
    {
        get
        {
            for (var segment = Volatile.Read(ref _head); ; )
            {
                if (!segment.IsDrained)
                {
                    return false;
                }

                // The next segment is linked after this one froze, so if this one is still drained it stays so.
                var next = Volatile.Read(ref segment.Next);
                if (next is null)
                {
                    return true;
                }

                if (!segment.IsDrained)
                {
                    return false;
                }

                segment = next;
            }
        }
    }

    /// <summary>Appends <paramref name="item"/>; the slot is reserved by a full fence (a CAS), which callers rely on to order the
    /// enqueue before their next read of the actor's scheduled flag.</summary>
    public void Enqueue(T item)
    {
        while (true)
        {
            var tail = Volatile.Read(ref _tail);
            if (tail.TryEnqueue(item))
            {
                return;
            }

            // The full segment is the lock: only producers that found it full contend, and a mailbox carries no lock object.
            lock (tail)
            {
                if (tail == _tail)
                {
                    tail.Freeze();
                    var next = new MailboxSegment<T>(Math.Min(tail.Capacity * 2, MaxCapacity));
                    Volatile.Write(ref tail.Next, next);
                    Volatile.Write(ref _tail, next);
                }
            }
        }
    }

    /// <summary>Takes the oldest item; false when the queue is empty. Consumer only.</summary>
    public bool TryDequeue(out T item)
    {
        var head = _head;
        while (true)
        {
            if (head.TryDequeue(out item))
            {
                return true;
            }

            var next = Volatile.Read(ref head.Next);
            if (next is null)
            {
                return false;
            }

            // Next is published after the freeze, so no slot of this segment can be reserved from here on: one more look takes an
            // item reserved between the first look and the freeze, and then the segment is done for good.
            if (head.TryDequeue(out item))
            {
                return true;
            }

            head = next;
            Volatile.Write(ref _head, head);
        }
    }
}
