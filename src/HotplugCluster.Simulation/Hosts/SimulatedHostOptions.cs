using HotplugCluster.Actors;
using HotplugCluster.Actors.Dispatch;

namespace HotplugCluster.Simulation.Hosts;

/// <summary>
/// Where a <see cref="SimulatedHost"/> lives and what it records. Give <see cref="System"/> (a deterministic system)
/// or <see cref="Island"/> to put several hosts on one scheduler; otherwise the host creates its own deterministic
/// system from <see cref="Seed"/>, <see cref="Strategy"/> / <see cref="StrategyFactory"/> and <see cref="RecordTrace"/>.
/// </summary>
public sealed record SimulatedHostOptions
{
    /// <summary>The host's actor name and persistence id prefix (letters, digits, '-' and '_').</summary>
    public string Name { get; init; } = "host-0";

    /// <summary>An existing deterministic system to live in (under <c>/user/Name</c>); the caller owns it.</summary>
    public ActorSystem? System { get; init; }

    /// <summary>An existing island of a parallel system to live in (under its guardian); the caller owns it.</summary>
    public Island? Island { get; init; }

    /// <summary>Own system: the strategy's seed.</summary>
    public long Seed { get; init; }

    /// <summary>Own system: FIFO or seeded random.</summary>
    public SchedulingStrategyKind Strategy { get; init; } = SchedulingStrategyKind.Fifo;

    /// <summary>Own system: a custom strategy (replay, PCT); overrides <see cref="Strategy"/>.</summary>
    public Func<ISchedulingStrategy>? StrategyFactory { get; init; }

    /// <summary>Own system: record the dispatcher's choices.</summary>
    public bool RecordTrace { get; init; } = true;

    /// <summary>Keep the per-operation step log.</summary>
    public bool RecordSteps { get; init; } = true;

    /// <summary>
    /// Block actors are constructed on their first message instead of in a step of their own after their spawn (a fleet:
    /// most of a host's blocks never hear from anyone). Off by default: a stress schedule holds every creation step, so
    /// saved traces and seeds keep their meaning; the host's behaviour is the same either way.
    /// </summary>
    public bool CreateBlockActorsOnFirstMessage { get; init; }

    /// <summary>
    /// An operation drops a lock and goes on, without waiting for the lock's owner to answer (<c>mutex_unlock()</c> does
    /// not sleep): the lock is free at once in the lock book, and its owner hands it to the next waiter when the release
    /// arrives; an unpaired unlock is reported, not answered. A fleet saves three deliveries a write. Needs FIFO scheduling
    /// (refused otherwise): a release must reach its device before anything sent after it, or a device stopped with the
    /// release in its mailbox would drop it. Off by default: a stress schedule holds every answer, so saved traces and
    /// seeds keep their meaning.
    /// </summary>
    public bool OneWayUnlock { get; init; }

    /// <summary>
    /// An operation takes a free lock itself, as <c>mutex_lock()</c>'s fast path takes an unowned mutex with one atomic
    /// exchange and never sleeps: when nobody holds the lock and no request for it is out, the operation writes itself into
    /// the lock book and goes on without asking the lock's owner. Its unlock asks nobody either unless a request came in
    /// meanwhile (the mutex's waiters flag): then the release goes to the owner, which wakes the first waiter. A contended lock
    /// is queued by its owner as before, and no operation takes a lock past a queued request. A fleet saves nine deliveries an
    /// offline write. Needs <see cref="OneWayUnlock"/> (refused otherwise). Off by default: a stress schedule holds every
    /// lock request and answer, so saved traces and seeds keep their meaning.
    /// </summary>
    public bool FastPathLocks { get; init; }

    /// <summary>
    /// A removed block's or dax device's actor with nothing queued stops in the step that removed its device
    /// (<c>TryStopSelfNow</c>: PostStop runs and the parent forgets it at once) instead of retiring through a message to
    /// itself, a Terminate step and a notice to its parent; with something queued it retires as before (what it holds goes
    /// to the parent). A fleet host removes a thousand blocks per reclaim: three deliveries fewer each. Off by default: a
    /// stress schedule holds every retire, stop and notice, so saved traces and seeds keep their meaning.
    /// </summary>
    public bool StopRemovedDevicesAtOnce { get; init; }

    /// <summary>
    /// A returned operation's thread waits for the host's next operation instead of stopping (a fleet host runs thousands of
    /// writes one after another: no spawn, stop and parent notice per write, two deliveries fewer). Off by default: a
    /// stress schedule holds every thread's creation and stop, so saved traces and seeds keep their meaning.
    /// </summary>
    public bool ReuseOperationThreads { get; init; }

    /// <summary>Keep the event log's entries (sequence numbers advance either way).</summary>
    public bool KeepEvents { get; init; } = true;

    /// <summary>
    /// Where the owners persist their events: by default the persistence started for the host's system
    /// (<c>PersistenceExtension.Start</c>), else transient, which writes nothing.
    /// </summary>
    public HotplugCluster.Persistence.Actors.PersistenceExtension? Persistence { get; init; }

    /// <summary>Prefix of the owners' persistence ids (default: <see cref="Name"/>); a recorded run uses <c>runId/host</c>.</summary>
    public string? StreamPrefix { get; init; }

    /// <summary>Called with persistence id and sequence number once each event is stored (after its journal write).</summary>
    public Action<string, long>? OnPersisted { get; init; }

    /// <summary>
    /// Called after every work step an owner runs, once the step's events are applied (boot included); invariant
    /// checks run from here (issue 6). Null: no cost.
    /// </summary>
    public Action<HostStep>? OnStep { get; init; }
}
