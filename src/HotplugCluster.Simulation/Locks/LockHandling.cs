using HotplugCluster.Actors;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Messages;

namespace HotplugCluster.Simulation.Locks;

/// <summary>
/// How a host's threads take and drop sleeping locks and how the locks' owners answer: one object per
/// <see cref="HostProtocol"/>, so neither the thread (<c>OperationActor</c>) nor the owners branch on the protocol.
/// A documented base: <see cref="AskedLocks"/> and <see cref="FastPathLocks"/> are its only two kinds.
/// </summary>
internal abstract class LockHandling
{
    /// <summary>Whether the protocol relies on FIFO delivery (a one-way release must arrive before what was sent after it).</summary>
    public abstract bool NeedsFifo { get; }

    /// <summary>The thread of <paramref name="status"/> takes <paramref name="name"/>: true if it holds it now and goes on, false if it waits for the owner's grant.</summary>
    public abstract bool Lock(HostContext host, OperationStatus status, LockName name, IActorRef self);

    /// <summary>The thread of <paramref name="status"/> drops <paramref name="name"/>: true if it goes on at once, false if it waits for the owner's answer.</summary>
    public abstract bool Unlock(HostContext host, OperationStatus status, LockName name, IActorRef self);

    /// <summary>The holder of <paramref name="queue"/>'s lock as this protocol keeps it.</summary>
    public abstract string? HolderOf(LockQueue queue, HostContext host);

    /// <summary>The owner of <paramref name="queue"/> serves a release.</summary>
    public abstract void Release(LockQueue queue, ReleaseLock request, IActorRef sender, IActorRef self, HostContext host);

    /// <summary>The owner makes <paramref name="opId"/> the holder of <paramref name="queue"/>'s lock and tells it.</summary>
    public abstract void Grant(LockQueue queue, string opId, IActorRef to, IActorRef self, HostContext host);

    /// <summary>
    /// Answers a refused lock request with <see cref="LockRefused"/>, or reports it when the sender waits for no answer
    /// (<paramref name="reported"/>: the caller reported it already).
    /// </summary>
    public abstract void Refuse(object request, IActorRef sender, IActorRef self, HostContext host, LockName name, string reason, bool reported);

    /// <summary>Reports a release by an operation that does not hold the lock, then refuses it.</summary>
    protected void RefuseNonHolder(ReleaseLock request, string? holder, IActorRef sender, IActorRef self, HostContext host, LockName name)
    {
        var reason = $"{request.OpId} releases {name}, which {(holder is null ? "nobody holds" : "is held by " + holder)}";
        host.Report(reason);
        Refuse(request, sender, self, host, name, reason, reported: true);
    }
}
