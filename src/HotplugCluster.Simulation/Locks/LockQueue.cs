using HotplugCluster.Actors;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Messages;

namespace HotplugCluster.Simulation.Locks;

/// <summary>
/// A sleeping lock's state at its owner: the holder (as <see cref="AskedLocks"/> keeps it) and the FIFO of waiters, as a
/// mutex's wait list. Owners allocate one only while the lock is held, so an idle device carries a null reference. How
/// requests are served is the host protocol's <see cref="LockHandling"/>.
/// </summary>
internal sealed class LockQueue(LockName name)
{
    private Queue<(string OpId, IActorRef Sender)>? _waiters;

    // The answers name only this lock and are immutable: made once per queue, not per grant and release.
    private LockGranted? _granted;
    private LockReleased? _released;

    public LockName Name { get; } = name;

    /// <summary>The holder as this queue granted it (always null with <see cref="FastPathLocks"/>: ask the lock book).</summary>
    public string? Holder { get; set; }

    /// <summary>Whether nobody holds or waits for the lock (its owner may drop this object).</summary>
    public bool Idle => Holder is null && (_waiters is null || _waiters.Count == 0);

    /// <summary>The operations queued behind the holder, in order.</summary>
    public IEnumerable<string> Waiters => _waiters?.Select(w => w.OpId) ?? [];

    public LockGranted GrantedAnswer => _granted ??= new LockGranted(Name);

    public LockReleased ReleasedAnswer => _released ??= new LockReleased(Name);

    /// <summary>Grants the lock at once when it is free, else queues the request.</summary>
    public void Acquire(AcquireLock request, IActorRef sender, IActorRef self, HostContext host)
    {
        if (host.LockHandling.HolderOf(this, host) is null)
        {
            host.LockHandling.Grant(this, request.OpId, sender, self, host);
            return;
        }

        (_waiters ??= new()).Enqueue((request.OpId, sender));
    }

    /// <summary>Releases the lock for <paramref name="request"/>'s operation; a release by a non-holder is refused and reported.</summary>
    public void Release(ReleaseLock request, IActorRef sender, IActorRef self, HostContext host) =>
        host.LockHandling.Release(this, request, sender, self, host);

    /// <summary>Answers or reports a refused lock request, as the host's protocol does.</summary>
    public static void Refuse(object request, IActorRef sender, IActorRef self, HostContext host, LockName name, string reason, bool reported) =>
        host.LockHandling.Refuse(request, sender, self, host, name, reason, reported);

    /// <summary>Takes the first waiter off the queue, if any.</summary>
    public bool TryDequeue(out string opId, out IActorRef sender)
    {
        if (_waiters is { Count: > 0 } waiters)
        {
            (opId, sender) = waiters.Dequeue();
            return true;
        }

        (opId, sender) = (null!, null!);
        return false;
    }
}
