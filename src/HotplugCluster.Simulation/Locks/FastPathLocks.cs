using HotplugCluster.Actors;
using HotplugCluster.Simulation.Actors;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Messages;

namespace HotplugCluster.Simulation.Locks;

/// <summary>
/// <see cref="HostProtocol.Fleet"/>'s locks, as a mutex's fast and slow paths (<c>mutex_lock()</c>, <c>mutex_unlock()</c>,
/// kernel/locking/mutex.c): a thread takes a free lock nobody waits for by writing itself into the lock book, and asks the
/// owner only when the lock is held or a request is out (the waiters flag); an unlock never waits, and tells the owner
/// only when someone waits, so the owner wakes the first waiter. The lock book keeps the holder; the owner's queue keeps
/// the waiters, and nobody takes a lock past a queued request.
/// </summary>
internal sealed class FastPathLocks : LockHandling
{
    public static FastPathLocks Instance { get; } = new();

    // A one-way release must reach its device before anything sent after it: a device stopped with the release still in its
    // mailbox would drop it, and the lock would stay held.
    public override bool NeedsFifo => true;

    public override bool Lock(HostContext host, OperationStatus status, LockName name, IActorRef self)
    {
        if (host.Locks.TryTakeUncontended(name, status.OpId))
        {
            host.RecordStep(status.OpId, "lock", name);
            return true;
        }

        host.Locks.Requested(name);
        var acquire = new AcquireLock(name, status.OpId);
        status.WaitFor(acquire);
        StepRouter.LockOwnerOf(host.Directory, name).Tell(acquire, self);
        return false;
    }

    public override bool Unlock(HostContext host, OperationStatus status, LockName name, IActorRef self)
    {
        // The owner is looked up only when it is told: an uncontended unlock (almost every one in a fleet) tells nobody.
        if (host.Locks.ReleasedBy(name, status.OpId))
        {
            host.RecordStep(status.OpId, "unlock", name);
            if (host.Locks.HasRequests(name))
            {
                StepRouter.LockOwnerOf(host.Directory, name).Tell(new ReleaseLock(name, status.OpId, Dropped: true), self);
            }
        }
        else
        {
            // Not the holder: the owner reports the unpaired unlock; the thread goes on, as mutex_unlock() does not sleep.
            StepRouter.LockOwnerOf(host.Directory, name).Tell(new ReleaseLock(name, status.OpId), self);
        }

        return true;
    }

    public override string? HolderOf(LockQueue queue, HostContext host) => host.Locks.HolderOf(queue.Name);

    public override void Release(LockQueue queue, ReleaseLock request, IActorRef sender, IActorRef self, HostContext host)
    {
        if (!request.Dropped)
        {
            RefuseNonHolder(request, host.Locks.HolderOf(queue.Name), sender, self, host, queue.Name);
            return;
        }

        if (host.Locks.HolderOf(queue.Name) is null && queue.TryDequeue(out var op, out var waiter))
        {
            Grant(queue, op, waiter, self, host);
        }
    }

    public override void Grant(LockQueue queue, string opId, IActorRef to, IActorRef self, HostContext host)
    {
        host.Locks.Answered(queue.Name);
        host.Locks.Granted(queue.Name, opId);
        host.RecordStep(opId, "lock", queue.Name);
        to.Tell(queue.GrantedAnswer, self);
    }

    public override void Refuse(object request, IActorRef sender, IActorRef self, HostContext host, LockName name, string reason, bool reported)
    {
        switch (request)
        {
            case AcquireLock acquire:
                host.Locks.Answered(acquire.Name);
                sender.Tell(new LockRefused(name, reason), self);
                break;
            case ReleaseLock:
                // The releasing thread has gone on and waits for no answer: the refusal is reported instead.
                if (!reported)
                {
                    host.Report(reason);
                }

                break;
            default:
                sender.Tell(new LockRefused(name, reason), self);
                break;
        }
    }
}
