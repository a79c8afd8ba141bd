using HotplugCluster.Actors;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Messages;

namespace HotplugCluster.Simulation.Locks;

/// <summary>
/// A sleeping lock's state: the holder and the FIFO of waiters, as a mutex's wait list. Owners allocate one only
/// while the lock is held, so an idle device carries a null reference. With fast-path locks
/// (<see cref="HostContext.FastPathLocks"/>) the holder is the lock book's (an operation may have taken the lock without
/// asking) and the queue keeps only the waiters.
/// </summary>
internal sealed class LockQueue(LockName name)
{
    private Queue<(string OpId, IActorRef Sender)>? _waiters;

    // The answers name only this lock and are immutable: made once per queue, not per grant and release.
    private LockGranted? _granted;
    private LockReleased? _released;

    public LockName Name { get; } = name;

    /// <summary>The holder as this queue granted it (always null with fast-path locks: ask the lock book).</summary>
    public string? Holder { get; private set; }

    /// <summary>Whether nobody holds or waits for the lock (its owner may drop this object).</summary>
    public bool Idle => Holder is null && (_waiters is null || _waiters.Count == 0);

    public void Acquire(AcquireLock request, IActorRef sender, IActorRef self, HostContext host)
    {
        if ((host.FastPathLocks ? host.Locks.HolderOf(Name) : Holder) is null)
        {
            Grant(request.OpId, sender, self, host);
            return;
        }

        (_waiters ??= new()).Enqueue((request.OpId, sender));
    }

    /// <summary>Releases the lock for <paramref name="request"/>'s operation; a release by a non-holder is refused and reported.</summary>
    public void Release(ReleaseLock request, IActorRef sender, IActorRef self, HostContext host)
    {
        if (host.FastPathLocks)
        {
            ReleaseFastPath(request, sender, self, host);
            return;
        }

        if (Holder != request.OpId)
        {
            var reason = $"{request.OpId} releases {Name}, which {(Holder is null ? "nobody holds" : "is held by " + Holder)}";
            host.Report(reason);
            Refuse(request, sender, self, host, Name, reason, reported: true);
            return;
        }

        Holder = null;
        host.Locks.Released(Name);
        host.RecordStep(request.OpId, "unlock", Name);
        if (!host.OneWayUnlock)
        {
            sender.Tell(_released ??= new LockReleased(Name), self);
        }

        if (_waiters is { Count: > 0 } waiters)
        {
            var (op, waiter) = waiters.Dequeue();
            Grant(op, waiter, self, host);
        }
    }

    /// <summary>
    /// A fast-path lock's release: its holder left the lock book itself and recorded the unlock (<see cref="ReleaseLock.Dropped"/>),
    /// so the first waiter gets the lock if it is still free; a release by an operation that did not hold it is reported.
    /// </summary>
    private void ReleaseFastPath(ReleaseLock request, IActorRef sender, IActorRef self, HostContext host)
    {
        if (!request.Dropped)
        {
            var holder = host.Locks.HolderOf(Name);
            var reason = $"{request.OpId} releases {Name}, which {(holder is null ? "nobody holds" : "is held by " + holder)}";
            host.Report(reason);
            Refuse(request, sender, self, host, Name, reason, reported: true);
            return;
        }

        if (host.Locks.HolderOf(Name) is null && _waiters is { Count: > 0 } waiters)
        {
            var (op, waiter) = waiters.Dequeue();
            Grant(op, waiter, self, host);
        }
    }

    /// <summary>
    /// Answers a refused lock request with <see cref="LockRefused"/>. A one-way release's sender has gone on and waits for no
    /// answer (<see cref="HostContext.OneWayUnlock"/>): the refusal is reported instead, unless the caller reported it already.
    /// </summary>
    public static void Refuse(object request, IActorRef sender, IActorRef self, HostContext host, LockName name, string reason, bool reported)
    {
        if (request is AcquireLock acquire && host.FastPathLocks)
        {
            host.Locks.Answered(acquire.Name);
        }

        if (request is ReleaseLock && host.OneWayUnlock)
        {
            if (!reported)
            {
                host.Report(reason);
            }

            return;
        }

        sender.Tell(new LockRefused(name, reason), self);
    }

    /// <summary>The operations queued behind the holder, in order.</summary>
    public IEnumerable<string> Waiters => _waiters?.Select(w => w.OpId) ?? [];

    private void Grant(string opId, IActorRef to, IActorRef self, HostContext host)
    {
        if (host.FastPathLocks)
        {
            host.Locks.Answered(Name);
        }
        else
        {
            Holder = opId;
        }

        host.Locks.Granted(Name, opId);
        host.RecordStep(opId, "lock", Name);
        to.Tell(_granted ??= new LockGranted(Name), self);
    }
}
