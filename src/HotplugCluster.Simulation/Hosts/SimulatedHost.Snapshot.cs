using HotplugCluster.Actors;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Simulation.Actors;
using HotplugCluster.Simulation.Messages;

namespace HotplugCluster.Simulation.Hosts;

/// <summary>Snapshots and restores: many hosts that would run the same steps from boot start from one host's result instead.</summary>
public sealed partial class SimulatedHost
{
    /// <summary>
    /// Runs the scheduler until nothing is enabled and takes a <see cref="HostSnapshot"/> of the host. The host must persist
    /// nothing (a journal would hold the snapshot's events under this host's streams only), and have no operation in
    /// flight and no lock held. A host that keeps no events gives a snapshot without them (its streams' numbers only),
    /// from which only hosts that keep none either can start.
    /// </summary>
    public HostSnapshot Snapshot()
    {
        _runtime.RunUntilQuiescent();
        if (!_context.Persistence.IsTransient)
        {
            throw new InvalidOperationException($"{Name}: a snapshot is of a host that persists nothing; a journaled run records every host from boot");
        }

        if (_context.Operations.FirstOrDefault(o => !o.Finished) is { } running)
        {
            throw new InvalidOperationException($"{Name}: {running} has not returned; a snapshot is of a quiescent host");
        }

        if (_context.Locks.Held.Count > 0)
        {
            throw new InvalidOperationException($"{Name}: locks are held ({string.Join(", ", _context.Locks.Held.Select(h => h.Lock))}); a snapshot is of a quiescent host");
        }

        return new HostSnapshot(_context);
    }

    /// <summary>
    /// Starts a host where <paramref name="snapshot"/>'s stood: a copy of its state, its event
    /// log, operation numbers and problems carried on, and an actor for every device that had one. It persists nothing
    /// (transient persistence only); <see cref="Operations"/> and <see cref="StepLog"/> start empty.
    /// </summary>
    public static SimulatedHost Restore(HostSnapshot snapshot, SimulatedHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Island is null)
        {
            throw new ArgumentException("a restored host lives in a given island", nameof(options));
        }

        if (options.Persistence is { IsTransient: false } || options.OnPersisted is not null)
        {
            throw new ArgumentException("a restored host persists nothing: its snapshot's events were never written under its streams", nameof(options));
        }

        if (options.KeepEvents && !snapshot.KeptEvents)
        {
            throw new ArgumentException("the snapshot's host kept no events (KeepEvents), so a restored host cannot keep them from boot", nameof(options));
        }

        CheckProtocol(options);
        if ((options.StreamPrefix ?? options.Name) != snapshot.StreamPrefix)
        {
            throw new ArgumentException($"the snapshot's streams are under '{snapshot.StreamPrefix}', so the restored host must be too, not '{options.StreamPrefix ?? options.Name}'", nameof(options));
        }

        var state = new HostState(snapshot.State, options.StateStorage);
        var runtime = new HostRuntime(null, options.Island, owned: false);
        var context = new HostContext(options.Name, state)
        {
            RecordSteps = options.RecordSteps,
            Protocol = options.Protocol,
            StreamPrefix = options.StreamPrefix ?? options.Name,
            OnStep = options.OnStep,
            EnforceLocks = snapshot.EnforceLocks,
            SignalAfterAttempts = snapshot.SignalAfterAttempts,
        };
        context.Events.Keep = options.KeepEvents;
        context.Events.Restore(snapshot.Entries, snapshot.Streams);
        context.ContinueOperationsFrom(snapshot.Operations);
        context.ContinueKernelStepsFrom(snapshot.Steps);
        foreach (var problem in snapshot.Problems)
        {
            context.Report(problem);
        }

        var actor = runtime.ActorOf(Props.Create(() => new HostActor(context)), options.Name);
        actor.Tell(new RestoreHost(snapshot.Blocks, snapshot.DaxDevices, snapshot.IdleThreads), null);
        runtime.RunUntilQuiescent();
        return new SimulatedHost(context, runtime, actor);
    }
}
