using System.Runtime.CompilerServices;

namespace HotplugCluster.Actors.Dispatch;

/// <summary>Runs enabled actors in the order they became enabled, one message each (round robin); the fastest strategy.</summary>
public sealed class FifoStrategy : ISchedulingStrategy
{
    // A ring of struct elements: a struct avoids the covariant array-store check an interface-typed array costs on every enqueue, and
    // the two small methods inline into the dispatcher's step (Queue<T>'s TryDequeue did not, and bumps a version on every call).
    private Entry[] _ring = new Entry[16];
    private int _head;
    private int _count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enable(IScheduledActor actor)
    {
        var ring = _ring;
        if (_count == ring.Length)
        {
            ring = Grow();
        }

        var tail = _head + _count;
        if ((uint)tail >= (uint)ring.Length)
        {
            tail -= ring.Length;
        }

        ring[tail] = new Entry(actor);
        _count++;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public IScheduledActor? Choose(long stepNumber)
    {
        if (_count == 0)
        {
            return null;
        }

        var ring = _ring;
        var head = _head;
        var actor = ring[head].Actor;
        ring[head] = default;
        _head = head + 1 == ring.Length ? 0 : head + 1;
        _count--;
        return actor;
    }

    private Entry[] Grow()
    {
        var bigger = new Entry[_ring.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            bigger[i] = _ring[(_head + i) % _ring.Length];
        }

        _ring = bigger;
        _head = 0;
        return bigger;
    }

    private readonly record struct Entry(IScheduledActor Actor);
}
