using HotplugCluster.Actors;
using HotplugCluster.Simulation.Actors;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Messages;

namespace HotplugCluster.Simulation.Locks;

/// <summary>
/// <see cref="HostProtocol.Exploration"/>'s locks: a thread asks the lock's owner for every lock and every unlock and waits
/// for the answer, so each grant and release is a delivery a schedule can place; the owner's queue keeps the holder.
/// </summary>
internal sealed class AskedLocks : LockHandling
{
    public static AskedLocks Instance { get; } = new();

    public override bool NeedsFifo => false;

    public override bool Lock(HostContext host, OperationStatus status, LockName name, IActorRef self)
    {
        var acquire = new AcquireLock(name, status.OpId);
        status.WaitFor(acquire);
        StepRouter.LockOwnerOf(host.Directory, name).Tell(acquire, self);
        return false;
    }

    public override bool Unlock(HostContext host, OperationStatus status, LockName name, IActorRef self)
    {
        var release = new ReleaseLock(name, status.OpId);
        status.WaitFor(release);
        StepRouter.LockOwnerOf(host.Directory, name).Tell(release, self);
        return false;
    }

    public override string? HolderOf(LockQueue queue, HostContext host) => queue.Holder;

    public override void Release(LockQueue queue, ReleaseLock request, IActorRef sender, IActorRef self, HostContext host)
    {
        if (queue.Holder != request.OpId)
        {
            RefuseNonHolder(request, queue.Holder, sender, self, host, queue.Name);
            return;
        }

        queue.Holder = null;
        host.Locks.Released(queue.Name);
        host.RecordStep(request.OpId, "unlock", queue.Name);
        sender.Tell(queue.ReleasedAnswer, self);
        if (queue.TryDequeue(out var op, out var waiter))
        {
            Grant(queue, op, waiter, self, host);
        }
    }

    public override void Grant(LockQueue queue, string opId, IActorRef to, IActorRef self, HostContext host)
    {
        queue.Holder = opId;
        host.Locks.Granted(queue.Name, opId);
        host.RecordStep(opId, "lock", queue.Name);
        to.Tell(queue.GrantedAnswer, self);
    }

    public override void Refuse(object request, IActorRef sender, IActorRef self, HostContext host, LockName name, string reason, bool reported) =>
        sender.Tell(new LockRefused(name, reason), self);
}
