using System.Collections.Immutable;
using HotplugCluster.Actors;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Persistence.Actors;
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
internal abstract class HostPartActor(HostContext host) : PersistentActor
{
    private LockQueue? _deviceLock;

    // This owner's stream in the host's event log, looked up on its first commit and kept (appending costs no lookup).
    private HostEventLog.Stream? _stream;

    // Fallback owners only (mhp, dax bus): locks of devices that have no actor (see ServesDetached).
    private List<LockQueue>? _detached;

    protected HostContext Host => host;

    /// <summary>This owner's persistence id once it has committed (its stream's), else null.</summary>
    protected string? CommittedPersistenceId => _stream?.PersistenceId;

    /// <summary>This owner's stream in the host's event log, at its first commit (an owner with thousands of instances opens it without making its id).</summary>
    protected virtual HostEventLog.Stream OpenStream() => host.Events.StreamOf(PersistenceId);

    /// <summary>The <c>device_lock</c> this actor's device carries, if it is a device.</summary>
    protected virtual LockName? DeviceLock => null;

    /// <summary>Whether <paramref name="name"/> is <see cref="DeviceLock"/> (an owner with millions of instances answers without making its name).</summary>
    protected virtual bool IsDeviceLock(LockName name) => DeviceLock == name;

    /// <inheritdoc/>
    protected override PersistenceExtension Persistence => host.Persistence;

    /// <summary>Owners never rebuild from their own streams (a run's state is the host's, replayed as a whole): recovery only reads where each stream stands.</summary>
    protected override Recovery Recovery => Recovery.None;

    /// <summary>
    /// A stream that stands further than this run has written (a re-added block's stream continues, so equal is
    /// fine) belongs to another run: fail rather than mix two runs in one stream.
    /// </summary>
    protected sealed override bool ReceiveRecover(object message)
    {
        if (message is RecoveryCompleted && !Persistence.IsTransient && LastSequenceNr != host.Events.HighestSequenceNr(PersistenceId))
        {
            throw new InvalidOperationException(
                $"{PersistenceId}: the journal already holds events of this stream up to #{LastSequenceNr}, this run wrote {host.Events.HighestSequenceNr(PersistenceId)}; a run's owners start from boot, so record each run under a fresh run id");
        }

        return true;
    }

    /// <summary>A journal failure stops this owner; the host reports it, so a stuck run says why.</summary>
    protected override void OnRecoveryFailure(Exception cause, long sequenceNr)
    {
        host.ReportJournal($"{PersistenceId}#{sequenceNr}: recovery failed: {cause.Message}");
        base.OnRecoveryFailure(cause, sequenceNr);
    }

    /// <inheritdoc cref="OnRecoveryFailure"/>
    protected override void OnPersistFailure(Exception cause, object evt, long sequenceNr)
    {
        host.ReportJournalFailure($"{PersistenceId}#{sequenceNr}: journal write failed: {cause.Message}", cause);
        base.OnPersistFailure(cause, evt, sequenceNr);
    }

    /// <summary>A rejected write means another writer holds this stream: the run's journal is not this run's alone.</summary>
    protected override void OnPersistRejected(Exception cause, object evt, long sequenceNr)
    {
        host.ReportJournal($"{PersistenceId}#{sequenceNr}: journal write rejected: {cause.Message}");
        base.OnPersistRejected(cause, evt, sequenceNr);
    }

    /// <inheritdoc/>
    protected sealed override bool ReceiveCommand(object message)
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
                if (ServesLock(acquire.Name, acquire) is { } ownAcquire)
                {
                    var queue = ownAcquire ? _deviceLock ??= new LockQueue(acquire.Name) : Detached(acquire.Name, create: true)!;
                    queue.Acquire(acquire, Sender, Self, host);
                }

                break;
            case ReleaseLock release:
                if (ServesLock(release.Name, release) is { } ownRelease)
                {
                    ServeRelease(release, ownRelease);
                }

                break;
            case AdoptLock adopt:
                (_detached ??= []).Add(adopt.Queue);
                break;
            case CommitBoot boot:
                CommitBootEvent(boot);
                break;
            case ListChildren:
                Sender.Tell(new ChildNames([.. Context.Children.Select(c => c.Path.Name)]), Self);
                break;
            default:
                return ReceiveOther(message);
        }

        return true;
    }

    // Its own method: a lambda's captured local declared in a switch section makes every ReceiveCommand allocate its closure.
    private void CommitBootEvent(CommitBoot boot)
    {
        var replyTo = Sender;
        Commit([boot.Event], () => replyTo.Tell(BootCommitted.Instance, Self));
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
    protected void Commit(ImmutableArray<KernelEvent> events, Action afterApplied)
    {
        ArgumentNullException.ThrowIfNull(afterApplied);
        if (ApplyStored(new StepResult(events, null, false), out var retire))
        {
            Stored(retire, afterApplied);
        }
        else
        {
            PersistThen(events, retire, afterApplied);
        }
    }

    /// <summary>
    /// Applies the events of <paramref name="result"/> (the first half of <see cref="Commit"/>) and returns true when they are stored
    /// already: none, or transient persistence with nobody told of stored events (a fleet run), numbered as
    /// <c>PersistAll</c> numbers them. Then the caller goes on at once (<see cref="Stored"/>), else through
    /// <see cref="PersistThen"/>.
    /// </summary>
    private bool ApplyStored(in StepResult result, out bool retire)
    {
        retire = false;
        var count = result.EventCount;
        if (count == 0)
        {
            return true;
        }

        // A step is atomic in the kernel and other owners read the shared state, so its events apply now; the reply
        // (and this actor's next command) waits until the journal has stored them (Akka's ordering guarantee).
        var stream = _stream ??= OpenStream();
        for (var i = 0; i < count; i++)
        {
            var e = result.EventAt(i);
            KernelApply.Apply(host.State, e);
            host.Events.Append(stream, e);
        }

        for (var i = 0; i < count; i++)
        {
            retire |= FollowDevices(result.EventAt(i));
        }

        return host.OnPersisted is null && TryPersistTransient(count);
    }

    private void Stored(bool retire, Action afterApplied)
    {
        if (retire)
        {
            Retire();
        }

        afterApplied();
    }

    private void PersistThen(ImmutableArray<KernelEvent> events, bool retire, Action afterApplied)
    {
        var pid = PersistenceId;
        var remaining = events.Length;
        PersistAll(events, _ =>
        {
            host.OnPersisted?.Invoke(pid, LastSequenceNr);
            if (--remaining > 0)
            {
                return;
            }

            Stored(retire, afterApplied);
        });
    }

    private void RunStep(RunStep run)
    {
        var step = run.Step;
        if (host.EnforceLocks && step.Lock != KernelLock.None && !host.Locks.Holds(run.OpId, step.Lock))
        {
            RefuseUnlocked(run);
            return;
        }

        host.RecordStep(run.OpId, step, run.Attempt);
        var replyTo = Sender;
        try
        {
            host.State.Signals.Running = run.OpId;
            var result = step.Execute(host.State);
            if (ApplyStored(result, out var retire))
            {
                // Stored already (a fleet run): reply now, without the closures Commit's journal path needs.
                if (retire)
                {
                    Retire();
                }

                replyTo.Tell(StepDone.For(result), Self);
            }
            else
            {
                PersistThenReply(result, retire, replyTo);
            }

            host.OnStep?.Invoke(new HostStep(run.OpId, step, run.Attempt, host.Locks.Held));
        }
#pragma warning disable CA1031 // a model error in a rule must reach the operation as a fault, not restart the owner
        catch (Exception ex)
#pragma warning restore CA1031
        {
            replyTo.Tell(new StepRefused($"step '{step.Name}' threw: {ex.Message}", ex), Self);
        }
    }

    // The closures of the rare paths live in their own methods: captured variables make a method allocate their closure on
    // every call, and RunStep runs for every work step of a fleet.
    private void RefuseUnlocked(RunStep run)
    {
        var step = run.Step;
        var held = string.Join(", ", host.Locks.Held.Where(h => h.OpId == run.OpId).Select(h => h.Lock));
        Sender.Tell(new StepRefused($"step '{step.Name}' needs {step.Lock}, held: [{held}]"), Self);
    }

    private void PersistThenReply(StepResult result, bool retire, IActorRef replyTo) =>
        PersistThen(result.Events, retire, () => replyTo.Tell(StepDone.For(result), Self));

    /// <summary>
    /// Whether this owner serves <paramref name="name"/> for a device that has no actor: an operation that looked the
    /// device up before it was removed still holds a reference, so its <c>device_lock</c> works and the step after it
    /// finds the device gone (-ENODEV), as in the sequential model.
    /// </summary>
    protected virtual bool ServesDetached(LockName name) => false;

    /// <summary>Takes over this device's lock if the fallback owner served it while the device had no actor (call from the constructor).</summary>
    protected void AdoptPendingDeviceLock()
    {
        // Almost always none pending: then the device lock's name is not even formatted (every block actor runs this).
        var pending = host.Directory.PendingDeviceLocks;
        if (pending.Count > 0 && DeviceLock is { } name && Find(pending, name) is { } queue)
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
        var queue = Find(_detached, name);
        if (queue is null && create)
        {
            queue = new LockQueue(name);
            (_detached ??= []).Add(queue);
        }

        return queue;
    }

    // A loop, not List.Find with a lambda: a captured parameter makes the calling method allocate its closure on every call.
    private static LockQueue? Find(List<LockQueue>? queues, LockName name)
    {
        if (queues is not null)
        {
            foreach (var q in queues)
            {
                if (q.Name == name)
                {
                    return q;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether this actor serves <paramref name="name"/>: true for its own device lock, false for a detached device's,
    /// null when the request went to a child or was refused (handled here). No closure: a fleet takes millions of locks.
    /// </summary>
    private bool? ServesLock(LockName name, object request)
    {
        if (Route(name.Instance) is { } other)
        {
            other.Forward(request);
            return null;
        }

        if (IsDeviceLock(name))
        {
            return true;
        }

        if (ServesDetached(name))
        {
            return false;
        }

        LockQueue.Refuse(request, Sender, Self, host, name, $"{Self.Path} has no lock {name} (no such device)", reported: false);
        return null;
    }

    private void ServeRelease(ReleaseLock release, bool own)
    {
        var queue = own ? _deviceLock : Detached(release.Name, create: false);
        if (queue is null && release.Dropped)
        {
            // A fast-path lock's holder left the lock book already; nobody waits here any more (the waiters it saw were granted).
            return;
        }

        if (queue is null)
        {
            var reason = $"{release.OpId} releases {release.Name}, which nobody holds";
            host.Report(reason);
            LockQueue.Refuse(release, Sender, Self, host, release.Name, reason, reported: true);
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
    }

    /// <summary>
    /// Block and dax device actors exist while their devices do (<c>create_memory_block_devices()</c> /
    /// <c>remove_memory_block_devices()</c>, <c>devm_create_dev_dax()</c> / <c>unregister_dev_dax()</c>): the
    /// directory entry goes in the same step as the removal, and the parent spawns new ones.
    /// </summary>
    private bool FollowDevices(KernelEvent e)
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
                var block = dir.Block(r.Block.Value);
                dir.SetBlock(r.Block.Value, null);
                return Stop(block);
            case DaxDeviceCreated d:
                SpawnOrAsk(dir.DaxBus, new SpawnDaxDevice($"dax{d.RegionId}.{d.Id}"));
                break;
            case DaxDeviceDeleted d:
                var device = dir.DaxDevice(d.Device);
                dir.SetDaxDevice(d.Device, null);
                return Stop(device);
        }

        return false;
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

    /// <summary>Stops another owner at once; returns true when the stopped device is this actor's own (it retires after its write).</summary>
    private bool Stop(IActorRef? actor)
    {
        if (actor is null)
        {
            return false;
        }

        if (actor.Equals(Self))
        {
            return true;
        }

        Context.System.Stop(actor);
        return false;
    }

    /// <summary>
    /// Hands a busy device_lock to the parent before the reply, so the holder's release finds it there; messages
    /// already in the mailbox (routed here before the removal) go to the parent too, then the actor stops.
    /// </summary>
    private void Retire()
    {
        HandOverDeviceLock();
        if (host.Protocol.StopRemovedDevicesAtOnce && Context.TryStopSelfNow())
        {
            // Nothing was queued here, so there is nothing to hand to the parent: the actor ends in the removing step.
            return;
        }

        Context.Become(Retired);
        Self.Tell(RetireNow.Instance, Self);
    }

    /// <summary>The last message a removed device's actor handles: nothing can be routed to it after this one.</summary>
    private sealed record RetireNow
    {
        public static RetireNow Instance { get; } = new();
    }
}
