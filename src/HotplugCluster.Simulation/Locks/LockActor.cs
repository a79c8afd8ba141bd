using HotplugCluster.Actors;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Messages;

namespace HotplugCluster.Simulation.Locks;

/// <summary>
/// A global sleeping lock (<c>device_hotplug_lock</c>, <c>mem_hotplug_lock</c>, <c>dax_region_rwsem</c>,
/// <c>dax_dev_rwsem</c>) as an actor: grants in request order, queues the rest, refuses and reports a release by
/// an operation that does not hold it. The rwsems are taken exclusively, as every modelled path takes them for write
/// or the model does not yet distinguish readers.
/// </summary>
internal sealed class LockActor(HostContext host, LockName name) : UntypedActor
{
    private readonly LockQueue _queue = new(name);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case AcquireLock acquire when acquire.Name == name:
                _queue.Acquire(acquire, Sender, Self, host);
                break;
            case ReleaseLock release when release.Name == name:
                _queue.Release(release, Sender, Self, host);
                break;
            case AcquireLock or ReleaseLock:
                LockQueue.Refuse(message, Sender, Self, host, name, $"{Self.Path} is {name}, not the lock asked for", reported: false);
                break;
            default:
                Unhandled(message);
                break;
        }
    }
}
