using HotplugCluster.Actors.Cells;
using HotplugCluster.Actors.Dispatch;
using HotplugCluster.Actors.Timers;

namespace HotplugCluster.Actors;

/// <summary>A subtree of a parallel system run by its own deterministic dispatcher: own virtual clock, own seed, own trace. It runs
/// only inside its run methods, on the calling thread; different islands may be driven by different threads at once
/// (<see cref="RunInParallel"/>). Messages from outside the island are applied when nothing inside is enabled, in arrival order, so an
/// island's history is reproducible whenever its external input is (e.g. all of it sent before the island runs).</summary>
public sealed class Island
{
    private readonly DeterministicDispatcher _dispatcher;
    private readonly ActorCell _guardian;
    private int _terminated;

    internal Island(string name, IslandSettings settings, DeterministicDispatcher dispatcher, ActorCell guardian)
    {
        Name = name;
        Settings = settings;
        _dispatcher = dispatcher;
        _guardian = guardian;
    }

    /// <summary>The island's name, also its guardian's name under <c>/user</c>.</summary>
    public string Name { get; }

    /// <summary>The settings the island was created with.</summary>
    public IslandSettings Settings { get; }

    /// <summary>The island's guardian, parent of the actors created with <see cref="ActorOf"/>.</summary>
    public IActorRef Guardian => _guardian;

    /// <summary>The island's virtual-time scheduler.</summary>
    public IScheduler Scheduler => _dispatcher.Scheduler;

    /// <summary>The island's virtual time.</summary>
    public TimeSpan Now => _dispatcher.Now;

    /// <summary>Steps run so far on this island.</summary>
    public long StepCount => _dispatcher.StepCount;

    /// <summary>The island's recorded choices, when <see cref="IslandSettings.RecordTrace"/> is on.</summary>
    public Trace? Trace => _dispatcher.Trace;

    /// <summary>Runs <paramref name="body"/> for every island on up to <paramref name="maxDegreeOfParallelism"/> threads; results are the same
    /// on one thread or many as long as islands do not message each other while running.</summary>
    public static void RunInParallel(IReadOnlyList<Island> islands, Action<Island> body, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(islands);
        ArgumentNullException.ThrowIfNull(body);
        Parallel.ForEach(islands, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, body);
    }

    /// <summary>Creates an actor in the island, under its guardian (waits if another thread is driving the island).</summary>
    public IActorRef ActorOf(Props props, string? name = null)
    {
        using (_dispatcher.Access())
        {
            return _guardian.CreateChild(props, name, _dispatcher);
        }
    }

    /// <summary>Runs until no actor in the island is enabled, firing timers already due; returns the steps run.</summary>
    public long RunUntilQuiescent(long maxSteps = long.MaxValue) => _dispatcher.RunUntilQuiescent(maxSteps);

    /// <summary>Runs up to <paramref name="count"/> steps, jumping the island's clock to its next timer when nothing is enabled.</summary>
    public long RunSteps(long count) => _dispatcher.RunSteps(count);

    /// <summary>Runs for <paramref name="duration"/> of the island's virtual time.</summary>
    public void AdvanceTime(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        _dispatcher.RunUntil(static () => false, duration);
    }

    /// <summary>Runs until <paramref name="condition"/> holds or <paramref name="maxVirtualTime"/> has passed; returns whether it held.</summary>
    public bool RunUntil(Func<bool> condition, TimeSpan maxVirtualTime) => _dispatcher.RunUntil(condition, maxVirtualTime);

    /// <summary>Registers the observer of every delivery on this island (null removes it).</summary>
    public void SetDeliveryObserver(IDeliveryObserver? observer) => _dispatcher.Observer = observer;

    /// <summary>
    /// Stops the island's actors and runs the island until they have stopped, on the calling thread: a caller that runs
    /// islands in parallel stops each on its own worker when done with it, instead of all of them one after another when
    /// the system terminates (which then skips islands already terminated). Later calls do nothing.
    /// </summary>
    public void Terminate()
    {
        if (Interlocked.Exchange(ref _terminated, 1) != 0)
        {
            return;
        }

        _guardian.SendSystem(new SystemMessage(SystemMessageKind.Terminate));
        _dispatcher.RunUntilQuiescent(long.MaxValue);
    }

    /// <summary>
    /// Drops the island without stopping its actors: no <c>PostStop</c>, no <c>Terminated</c>, messages still queued are
    /// lost; its guardian leaves the system's tree at once and the actors are left to the garbage collector. For a caller
    /// done with every actor in the island that reads nothing from them again (a finished fleet host): it skips the stop
    /// protocol's two system messages per actor. The system's termination skips the island. Later calls do nothing.
    /// </summary>
    public void Discard()
    {
        if (Interlocked.Exchange(ref _terminated, 1) != 0)
        {
            return;
        }

        _guardian.Detach();
        _dispatcher.System.ForgetIsland(this);
        Cells.ActorCell.ForgetLastEnvelope();
    }

    /// <summary>Stops the island's actors (see <see cref="Terminate"/>).</summary>
    internal void Shutdown() => Terminate();
}
