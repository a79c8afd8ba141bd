using HotplugCluster.Simulation.Locks;

namespace HotplugCluster.Simulation.Hosts;

/// <summary>
/// How a host's actors talk to each other: <see cref="Exploration"/>, where every message is a delivery a schedule can
/// choose, or <see cref="Fleet"/>, which leaves out the deliveries a lone sequential host never interleaves at. Both run the
/// same kernel steps on the same owners and produce the same events, problems and per-operation step logs; a host's
/// protocol is chosen once, in <see cref="SimulatedHostOptions.Protocol"/>.
/// </summary>
/// <remarks>
/// <para>What <see cref="Fleet"/> leaves out, and why that is safe:</para>
/// <list type="number">
/// <item><b>Lock round trips</b> (<see cref="FastPathLocks"/>). <c>mutex_lock()</c> takes an unowned mutex with one atomic
/// exchange and never sleeps, and <c>mutex_unlock()</c> never waits (kernel/locking/mutex.c): a thread takes a free,
/// uncontended lock by writing itself into the lock book, and drops a lock without waiting for an answer. A contended lock is
/// still queued by its owner, in request order, and no thread takes a lock past a queued request. This needs FIFO delivery
/// (a release must reach its device before anything sent after it), which a fleet island has and which the host checks.</item>
/// <item><b>Block actors' creation steps.</b> A block actor is constructed by its first message, not in a step of its own:
/// most of a fleet host's thousands of blocks never hear from anyone, and construction touches no kernel state. A restored
/// host's block actors are not even spawned until then: the first step or lock request for such a block goes to the mhp
/// (the owner of blocks without an actor), which spawns the actor and forwards it there (one delivery more, once per block),
/// so the block's own actor runs it and commits to the block's stream, as it would have. (<see cref="SimulatedHost.BlockActorIds"/> of such
/// a host lists the spawned ones.)</item>
/// <item><b>Retiring a removed device's actor.</b> An actor whose device was removed, with nothing queued, stops in the
/// removing step instead of retiring through a message to itself, a stop step and a notice to its parent; with anything
/// queued it retires as <see cref="Exploration"/> does, so nothing routed to it is lost.</item>
/// <item><b>Thread spawns.</b> An operation's thread waits for the host's next operation when it returns, instead of
/// stopping; the caller numbers the next operation in submission order, as the host would, and hands it over in a
/// <see cref="Messages.RunOperation"/> the previous taker gave back. A thread also sends one step
/// message for all its steps and has its operations write each step into one step object
/// (<see cref="Kernel.Operations.KernelOperation.ReuseStepObject"/>): it has one step out at a time, and nothing keeps a step
/// past the owner's turn (so <see cref="SimulatedHostOptions.OnStep"/>'s <see cref="HostStep.Step"/> is valid only during the
/// call under this protocol).</item>
/// </list>
/// <para>None of these is a point where the kernel could interleave another thread's step with different results: each
/// is a delivery between two of one thread's steps, with no kernel state read or written. Exploration keeps every one of
/// them because a saved schedule is a sequence of deliveries: removing any would change what a seed or trace means.
/// Reported figures count kernel steps (<see cref="SimulatedHost.KernelSteps"/>), never deliveries, so they are the same
/// under both protocols (tests/HotplugCluster.Simulation.Tests/Hosts/HostProtocolTests.cs runs both and compares).</para>
/// </remarks>
public sealed class HostProtocol
{
    private HostProtocol(string name, LockHandling locks, bool blocksOnFirstMessage, bool stopRemovedAtOnce, bool reuseThreads)
    {
        Name = name;
        Locks = locks;
        CreateBlockActorsOnFirstMessage = blocksOnFirstMessage;
        StopRemovedDevicesAtOnce = stopRemovedAtOnce;
        ReuseOperationThreads = reuseThreads;
    }

    /// <summary>Every delivery is a step a schedule can choose (<c>hotplug run</c>, <c>sysfs</c>, <c>stress</c>, replay).</summary>
    public static HostProtocol Exploration { get; } = new("exploration", AskedLocks.Instance, false, false, false);

    /// <summary>The deliveries a lone sequential host never interleaves at are left out (fleets); needs FIFO scheduling.</summary>
    public static HostProtocol Fleet { get; } = new("fleet", FastPathLocks.Instance, true, true, true);

    /// <summary>The protocol's name, as reports and errors show it.</summary>
    public string Name { get; }

    /// <summary>How threads take and drop locks and how lock owners answer.</summary>
    internal LockHandling Locks { get; }

    /// <summary>Block actors are constructed by their first message.</summary>
    internal bool CreateBlockActorsOnFirstMessage { get; }

    /// <summary>A removed device's actor with nothing queued stops in the removing step.</summary>
    internal bool StopRemovedDevicesAtOnce { get; }

    /// <summary>A returned operation thread waits for the host's next operation.</summary>
    internal bool ReuseOperationThreads { get; }

    /// <summary>Whether the host's scheduling may be anything but FIFO.</summary>
    internal bool NeedsFifo => Locks.NeedsFifo;

    public override string ToString() => Name;
}
