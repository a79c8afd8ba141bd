using HotplugCluster.Actors.Cells;
using HotplugCluster.Actors.Dispatch;
using HotplugCluster.Actors.Timers;

namespace HotplugCluster.Actors;

/// <summary>A hierarchy of actors under <c>/user</c> and the dispatcher that runs them. A deterministic system runs only inside its run
/// methods (<see cref="RunUntilQuiescent"/>, <see cref="RunSteps"/>, <see cref="AdvanceTime"/>, <see cref="RunUntil(Task, TimeSpan?)"/>), on
/// the caller's thread, one thread at a time; outside them <see cref="IActorRef.Tell"/> only enqueues.</summary>
/// <remarks>Differences from Akka.NET: no per-actor dispatcher or mailbox selection (a subtree gets its own scheduler by being an
/// <see cref="Island"/>); <see cref="Messages.Terminated"/> is processed as a system message, ahead of queued user messages; an
/// actor's children are not suspended while its supervisor decides; there is no logging, failures are published as
/// <see cref="Messages.ActorFailed"/> on the <see cref="EventStream"/>.</remarks>
public sealed partial class ActorSystem : IDisposable
{
    private readonly Dispatcher _dispatcher;
    private readonly DeterministicDispatcher? _deterministic;
    private readonly ActorCell _root;
    private readonly ActorCell _user;
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Island> _islands = [];
    private long _tempIds;

    private ActorSystem(string name, ActorSystemSettings settings)
    {
        Name = name;
        Settings = settings;
        DeadLettersRef = new DeadLettersRef(this);
        if (settings.Dispatcher == DispatcherKind.Deterministic)
        {
            _deterministic = new DeterministicDispatcher(this, settings.CreateStrategy(), settings.RecordTrace, guarded: false);
            _dispatcher = _deterministic;
        }
        else
        {
            _dispatcher = new ParallelDispatcher(this, settings.Throughput, settings.TimeProvider);
        }

        _root = new ActorCell(_dispatcher, null, Props.Create(static () => new Guardian(Supervision.SupervisorStrategy.StoppingStrategy)), null);
        _dispatcher.Start(_root);
        _user = _root.CreateChild(Props.Create(static () => new Guardian(Supervision.SupervisorStrategy.Default)), "user", _dispatcher);
    }

    /// <summary>The system's name.</summary>
    public string Name { get; }

    /// <summary>The validated settings the system was created with.</summary>
    public ActorSystemSettings Settings { get; }

    /// <summary>Receives messages whose recipient had stopped or did not handle them; they are published on <see cref="EventStream"/>.</summary>
    public IActorRef DeadLetters => DeadLettersRef;

    /// <summary>How many dead letters the system has seen.</summary>
    public long DeadLetterCount => DeadLettersRef.Count;

    /// <summary>Publishes <see cref="Messages.DeadLetter"/> and <see cref="Messages.ActorFailed"/> to subscribers.</summary>
    public EventStream EventStream { get; } = new();

    /// <summary>The system's scheduler: virtual time when deterministic, the settings' <see cref="TimeProvider"/> when parallel.</summary>
    public IScheduler Scheduler => _dispatcher.Scheduler;

    /// <summary>Completes once the root guardian has stopped.</summary>
    public Task WhenTerminated => _terminated.Task;

    internal DeadLettersRef DeadLettersRef { get; }

    internal Dispatcher Dispatcher => _dispatcher;

    /// <summary>Creates a system; <paramref name="settings"/> default to <see cref="ActorSystemSettings.Default"/> and are validated
    /// (<see cref="ArgumentException"/> on a bad setting or name).</summary>
    public static ActorSystem Create(string name, ActorSystemSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"actor system name '{name}' may contain only ASCII letters, digits, '-' and '_'", nameof(name));
        }

        settings ??= ActorSystemSettings.Default;
        settings.Validate();
        return new ActorSystem(name, settings);
    }

    /// <summary>Creates a top-level actor under <c>/user</c>; in a deterministic system its constructor runs at a later step.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => _user.CreateChild(props, name, _dispatcher);

    /// <summary>Stops <paramref name="actor"/> asynchronously (after its current message); stopping a stopped actor does nothing.</summary>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is ActorCell cell && cell.System == this)
        {
            cell.SendSystem(new SystemMessage(SystemMessageKind.Terminate));
        }
    }

    /// <summary>Stops every actor: islands first (each driven to quiescence on this thread), then the hierarchy.
    /// A deterministic system is run until quiescent, so the returned task is already complete.</summary>
    public Task Terminate()
    {
        Island[] islands;
        lock (_islands)
        {
            islands = [.. _islands];
        }

        foreach (var island in islands)
        {
            island.Shutdown();
        }

        _root.SendSystem(new SystemMessage(SystemMessageKind.Terminate));
        _deterministic?.RunUntilQuiescent(long.MaxValue);
        return WhenTerminated;
    }

    /// <summary>Terminates the system, waiting up to 10 s for a parallel one.</summary>
    public void Dispose() => Terminate().Wait(TimeSpan.FromSeconds(10));

    internal long NextTempId() => Interlocked.Increment(ref _tempIds);

    internal void OnRootTerminated() => _terminated.TrySetResult();

    private sealed class Guardian(Supervision.SupervisorStrategy strategy) : UntypedActor
    {
        protected override void OnReceive(object message) => Unhandled(message);

        protected override Supervision.SupervisorStrategy SupervisorStrategy() => strategy;
    }
}
