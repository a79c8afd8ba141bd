using HotplugCluster.Actors;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Locks;
using HotplugCluster.Simulation.Messages;

namespace HotplugCluster.Simulation.Actors;

/// <summary>
/// Base of every actor that owns a partition of a host's kernel state. It runs the work steps routed to it (after
/// checking that the operation holds the step's lock), applies their events only through <see cref="Commit"/>,
/// and serves its device's <c>device_lock</c> when it has one. Extension point: one subclass per owner kind.
/// </summary>
/// <remarks>
/// <see cref="Commit"/> is the persistence seam: today it applies with <see cref="KernelApply"/> and appends to the
/// host's event log; an event-sourced owner will persist first and run <c>afterApplied</c> from the persist handler,
/// so the reply to the operation still follows the write (Akka's ordering guarantee).
/// </remarks>
internal abstract class HostPartActor(HostContext host) : UntypedActor
{
    private LockQueue? _deviceLock;

    // Fallback owners only (mhp, dax bus): locks of devices that have no actor (see ServesDetached).
    private List<LockQueue>? _detached;

    protected HostContext Host => host;

    /// <summary>This owner's event stream, e.g. <c>host-0/memory256</c> (computed, not stored: block actors stay small).</summary>
    protected abstract string PersistenceId { get; }

    /// <summary>The <c>device_lock</c> this actor's device carries, if it is a device.</summary>
    protected virtual LockName? DeviceLock => null;

    protected sealed override void OnReceive(object message)
    {
        switch (message)
        {
            case RunStep run:
                if (Route(run.Step.Target) is { } other)
                {
                    other.Forward(run);
                }
                else
                {
                    RunStep(run);
                }

                break;
            case AcquireLock acquire:
                OnLock(acquire.Name, acquire, own =>
                {
                    var queue = own ? _deviceLock ??= new LockQueue(acquire.Name) : Detached(acquire.Name, create: true)!;
                    queue.Acquire(acquire, Sender, Self, host);
                });
                break;
            case ReleaseLock release:
                OnLock(release.Name, release, own =>
                {
                    var queue = own ? _deviceLock : Detached(release.Name, create: false);
                    if (queue is null)
                    {
                        var reason = $"{release.OpId} releases {release.Name}, which nobody holds";
                        host.Report(reason);
                        Sender.Tell(new LockRefused(release.Name, reason), Self);
                        return;
                    }

                    queue.Release(release, Sender, Self, host);
                    if (queue.Idle)
                    {
                        if (own)
                        {
                            _deviceLock = null;
                        }
                        else
                        {
                            _detached!.Remove(queue);
                        }
                    }
                });
                break;
            case AdoptLock adopt:
                (_detached ??= []).Add(adopt.Queue);
                break;
            case CommitBoot boot:
                var replyTo = Sender;
                Commit([boot.Event], () => replyTo.Tell(BootCommitted.Instance, Self));
                break;
            case ListChildren:
                Sender.Tell(new ChildNames([.. Context.Children.Select(c => c.Path.Name)]), Self);
                break;
            default:
                if (!ReceiveOther(message))
                {
                    Unhandled(message);
                }

                break;
        }
    }

    /// <summary>Messages of a particular owner (spawning children, booting); return false for unhandled ones.</summary>
    protected virtual bool ReceiveOther(object message) => false;

    /// <summary>A child that now owns <paramref name="target"/> (a fallback owner forwards to it), or null to handle here.</summary>
    protected virtual IActorRef? Route(string? target) => null;

    /// <summary>
    /// Applies <paramref name="events"/> to the host state (all of them, before anything else runs), appends them to
    /// this owner's stream, keeps the actor tree in step with devices that appeared or vanished, then calls
    /// <paramref name="afterApplied"/> (where the reply goes).
    /// </summary>
    protected void Commit(IReadOnlyList<KernelEvent> events, Action afterApplied)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(afterApplied);
        if (events.Count > 0)
        {
            var pid = PersistenceId;
            foreach (var e in events)
            {
                KernelApply.Apply(host.State, e);
                host.Events.Append(pid, e);
            }

            foreach (var e in events)
            {
                FollowDevices(e);
            }
        }

        afterApplied();
    }

    private void RunStep(RunStep run)
    {
        var step = run.Step;
        if (host.EnforceLocks && step.Lock != KernelLock.None && !host.Locks.Holds(run.OpId, step.Lock))
        {
            var held = string.Join(", ", host.Locks.Held.Where(h => h.OpId == run.OpId).Select(h => h.Lock));
            Sender.Tell(new StepRefused($"step '{step.Name}' needs {step.Lock}, held: [{held}]"), Self);
            return;
        }

        host.RecordStep(run.OpId, run.Attempt == 1 ? step.ToString() : $"{step} (attempt {run.Attempt})");
        var replyTo = Sender;
        try
        {
            var result = step.Run(host.State);
            Commit(result.Events, () => replyTo.Tell(new StepDone(result), Self));
        }
#pragma warning disable CA1031 // a model error in a rule must reach the operation as a fault, not restart the owner
        catch (Exception ex)
#pragma warning restore CA1031
        {
            replyTo.Tell(new StepRefused($"step '{step.Name}' threw: {ex.Message}", ex), Self);
        }
    }

    /// <summary>
    /// Whether this owner serves <paramref name="name"/> for a device that has no actor: an operation that looked the
    /// device up before it was removed still holds a reference, so its <c>device_lock</c> works and the step after it
    /// finds the device gone (-ENODEV), as in the sequential model.
    /// </summary>
    protected virtual bool ServesDetached(LockName name) => false;

    /// <summary>Takes over this device's lock if the fallback owner served it while the device had no actor (call from the constructor).</summary>
    protected void AdoptPendingDeviceLock()
    {
        if (DeviceLock is { } name && host.Directory.PendingDeviceLocks.Find(q => q.Name == name) is { } queue)
        {
            host.Directory.PendingDeviceLocks.Remove(queue);
            _deviceLock = queue;
        }
    }

    /// <summary>Hands a detached device's lock (held or waited for) to the device's new actor.</summary>
    protected LockQueue? TakeDetached(LockName name)
    {
        var queue = Detached(name, create: false);
        if (queue is not null)
        {
            _detached!.Remove(queue);
        }

        return queue;
    }

    protected override void PostStop() => HandOverDeviceLock();

    private bool Retired(object message)
    {
        if (message is RetireNow)
        {
            Context.Stop(Self);
        }
        else
        {
            Context.Parent!.Forward(message);
        }

        return true;
    }

    /// <summary>A device removed while its lock is held or waited for: the lock lives on with the fallback owner (the parent).</summary>
    private void HandOverDeviceLock()
    {
        if (_deviceLock is { Idle: false } && Context.Parent is { } parent)
        {
            parent.Tell(new AdoptLock(_deviceLock), Self);
        }

        _deviceLock = null;
    }

    private LockQueue? Detached(LockName name, bool create)
    {
        var queue = _detached?.Find(q => q.Name == name);
        if (queue is null && create)
        {
            queue = new LockQueue(name);
            (_detached ??= []).Add(queue);
        }

        return queue;
    }

    private void OnLock<T>(LockName name, T request, Action<bool> serve)
    {
        if (Route(name.Instance) is { } other)
        {
            other.Forward(request!);
        }
        else if (DeviceLock == name)
        {
            serve(true);
        }
        else if (ServesDetached(name))
        {
            serve(false);
        }
        else
        {
            Sender.Tell(new LockRefused(name, $"{Self.Path} has no lock {name} (no such device)"), Self);
        }
    }

    /// <summary>
    /// Block and dax device actors exist while their devices do (<c>create_memory_block_devices()</c> /
    /// <c>remove_memory_block_devices()</c>, <c>devm_create_dev_dax()</c> / <c>unregister_dev_dax()</c>): the
    /// directory entry goes in the same step as the removal, and the parent spawns new ones.
    /// </summary>
    private void FollowDevices(KernelEvent e)
    {
        var dir = host.Directory;
        switch (e)
        {
            case MemoryBlockCreated c:
                SpawnOrAsk(dir.Mhp, new SpawnBlock(c.Block.Value));
                break;
            case BootMemoryAdded b:
                foreach (var id in host.State.Blocks.IdsIn(b.Start, b.Size))
                {
                    if (host.State.Blocks[id].Registered)
                    {
                        SpawnOrAsk(dir.Mhp, new SpawnBlock(id.Value));
                    }
                }

                break;
            case MemoryBlockRemoved r:
                Stop(dir.Block(r.Block.Value));
                dir.SetBlock(r.Block.Value, null);
                break;
            case DaxDeviceCreated d:
                SpawnOrAsk(dir.DaxBus, new SpawnDaxDevice($"dax{d.RegionId}.{d.Id}"));
                break;
            case DaxDeviceDeleted d:
                Stop(dir.DaxDevice(d.Device));
                dir.SetDaxDevice(d.Device, null);
                break;
        }
    }

    /// <summary>The parent spawns at once when it is the committing actor (so the actor exists before the reply), else on its next message.</summary>
    private void SpawnOrAsk(IActorRef parent, object spawn)
    {
        if (parent.Equals(Self))
        {
            ReceiveOther(spawn);
        }
        else
        {
            parent.Tell(spawn, Self);
        }
    }

    private void Stop(IActorRef? actor)
    {
        if (actor is null)
        {
            return;
        }

        if (actor.Equals(Self))
        {
            // Hand a busy device_lock to the parent before the reply, so the holder's release finds it there; messages
            // already in the mailbox (routed here before the removal) go to the parent too, then the actor stops.
            HandOverDeviceLock();
            Context.Become(Retired);
            Self.Tell(RetireNow.Instance, Self);
        }
        else
        {
            Context.System.Stop(actor);
        }
    }

    /// <summary>The last message a removed device's actor handles: nothing can be routed to it after this one.</summary>
    private sealed record RetireNow
    {
        public static RetireNow Instance { get; } = new();
    }
}
