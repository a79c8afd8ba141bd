using System.Runtime.ExceptionServices;
using HotplugCluster.Actors;
using HotplugCluster.Actors.Dispatch;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Simulation.Actors;
using HotplugCluster.Simulation.Messages;

namespace HotplugCluster.Simulation.Hosts;

/// <summary>
/// A host as actors (docs/simulation.md): the host, the memory-hotplug core, nodes, memory blocks, the dax bus and
/// devices, the kmem driver, CXL devices and the locks, all on one deterministic scheduler. The synchronous
/// <see cref="IHostConsole"/> methods drive the scheduler until the reply; <see cref="SubmitWrite"/> and
/// <see cref="Submit{T}"/> start operations that race, and the caller runs the scheduler.
/// </summary>
public sealed partial class SimulatedHost : IHostConsole, IDisposable
{
    private readonly HostContext _context;
    private readonly HostRuntime _runtime;
    private SyncCall _sync = new();

    private SimulatedHost(HostContext context, HostRuntime runtime, IActorRef actor)
    {
        _context = context;
        _runtime = runtime;
        Actor = actor;
    }

    /// <summary>The host's name (its actor name and persistence id prefix).</summary>
    public string Name => _context.Name;

    /// <inheritdoc/>
    public HostState State => _context.State;

    /// <summary>The host actor.</summary>
    public IActorRef Actor { get; }

    /// <summary>The system the host lives in (null when it lives in an island).</summary>
    public ActorSystem? System => _runtime.System;

    /// <summary>The dispatcher's recorded choices, when recording is on.</summary>
    public Trace? Trace => _runtime.Trace;

    /// <summary>Whether an owner refuses a step whose lock the operation does not hold (off when a bug switch drops an acquire).</summary>
    public bool EnforceLocks
    {
        get => _context.EnforceLocks;
        set => _context.EnforceLocks = value;
    }

    /// <summary>Migration passes an interrupted offline gets before its signal; sysfs writes use it (as <c>KernelHost</c>).</summary>
    public int SignalAfterAttempts
    {
        get => _context.SignalAfterAttempts;
        set => _context.SignalAfterAttempts = value;
    }

    /// <summary>The ordered event log with persistence ids and sequence numbers.</summary>
    public HostEventLog EventLog => _context.Events;

    /// <summary>Every event applied since the empty state, boot included (what <c>KernelHost.Journal</c> holds).</summary>
    public IReadOnlyList<KernelEvent> Journal => _context.Events.Events;

    /// <summary>Every step run, in execution order, as "opId: step".</summary>
    public IReadOnlyList<StepRecord> StepLog => _context.Steps;

    /// <summary>The operations started so far, in start order.</summary>
    public IReadOnlyList<OperationStatus> Operations => _context.Operations;

    /// <summary>Reported problems: releases of locks not held, locks held on return, operation faults.</summary>
    /// <summary>How the host's actors talk (<see cref="SimulatedHostOptions.Protocol"/>).</summary>
    public HostProtocol Protocol => _context.Protocol;

    public IReadOnlyList<string> Problems => _context.Problems;

    /// <summary>The first journal write that failed since boot (the owner that met it stopped), or null.</summary>
    public Exception? JournalFailure => _context.JournalFailure;

    /// <summary>
    /// Kernel steps run since boot: every attempt of a work step, every lock and unlock (one per step log entry, recorded or
    /// not). Unlike the dispatcher's deliveries it is the same under every <see cref="HostProtocol"/>.
    /// </summary>
    public long KernelSteps => _context.KernelSteps;

    /// <summary>Who holds which lock now.</summary>
    public IReadOnlyList<Locks.LockHolding> HeldLocks => _context.Locks.Held;

    /// <summary>With fast-path locks: the locks with requests out now (sent to the lock's owner, not yet answered), and how many.</summary>
    public IReadOnlyList<(Locks.LockName Name, int Count)> LockRequests => _context.Locks.Requests;

    /// <summary>Boots a host: the boot plan's events through their owners, then the driver probes as operations.</summary>
    public static SimulatedHost Boot(HostSettings settings, SimulatedHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        options ??= new SimulatedHostOptions();
        if (options.System is not null && options.Island is not null)
        {
            throw new ArgumentException("give a system or an island, not both", nameof(options));
        }

        CheckProtocol(options);

        var layout = settings.Resolve().GetOrThrow();
        var runtime = options.Island is { } island ? new HostRuntime(null, island, owned: false)
            : options.System is { } system ? new HostRuntime(system, null, owned: false)
            : new HostRuntime(
                ActorSystem.Create(options.Name.Replace('.', '_'), new ActorSystemSettings
                {
                    Seed = options.Seed,
                    Strategy = options.Strategy,
                    StrategyFactory = options.StrategyFactory,
                    RecordTrace = options.RecordTrace,
                }),
                null,
                owned: true);
        var persistence = options.Persistence
            ?? (runtime.System is { } own ? HotplugCluster.Persistence.Actors.PersistenceExtension.TryGet(own) : null)
            ?? HotplugCluster.Persistence.Actors.PersistenceExtension.Transient;
        var context = new HostContext(options.Name, new HostState(layout))
        {
            RecordSteps = options.RecordSteps,
            Protocol = options.Protocol,
            Persistence = persistence,
            StreamPrefix = options.StreamPrefix ?? options.Name,
            OnPersisted = options.OnPersisted,
            OnStep = options.OnStep,

            // As KernelHost.Boot: a bug switch may drop an acquire (boot's kmem probe included), so locks are checked, not enforced.
            EnforceLocks = layout.Settings.Kernel.Bugs == KernelBugs.None,
        };
        context.Events.Keep = options.KeepEvents;
        var actor = runtime.ActorOf(Props.Create(() => new HostActor(context)), options.Name);
        var host = new SimulatedHost(context, runtime, actor);
        var booted = new TaskCompletionSource();
        actor.Tell(new BootHost([.. BootPlanner.Plan(layout)], e =>
        {
            if (e is null)
            {
                booted.SetResult();
            }
            else
            {
                booted.SetException(e);
            }
        }), null);
        host.Await(booted.Task);
        booted.Task.GetAwaiter().GetResult();
        return host;
    }

    /// <summary>
    /// The fleet protocol needs FIFO scheduling: a one-way release must reach its device before anything sent after it (a
    /// device stopped with the release still in its mailbox would drop it, and the lock would stay held).
    /// </summary>
    internal static void CheckProtocol(SimulatedHostOptions options)
    {
        if (!options.Protocol.NeedsFifo)
        {
            return;
        }

        var fifo = options.Island is { } island ? island.Settings is { Strategy: SchedulingStrategyKind.Fifo, StrategyFactory: null }
            : options.System is { } system ? system.Settings is { Strategy: SchedulingStrategyKind.Fifo, StrategyFactory: null }
            : options is { Strategy: SchedulingStrategyKind.Fifo, StrategyFactory: null };
        if (!fifo)
        {
            throw new ArgumentException($"the {options.Protocol} protocol needs FIFO scheduling (a one-way release must reach its device before anything sent after it)", nameof(options));
        }
    }

    /// <inheritdoc/>
    public SysfsRead Read(string path) => SysfsReader.Read(State, path);

    /// <inheritdoc/>
    public IReadOnlyList<string>? List(string dir) => SysfsTree.List(State, dir);

    /// <inheritdoc/>
    public SysfsWrite Write(string path, string value)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(value);
        if (_sync.Busy)
        {
            var task = SubmitWrite(path, value);
            Await(task);
            return task.GetAwaiter().GetResult();
        }

        var o = RunNow(new OperationRequest(null, path, value, _sync.Completed));
        return o.Operation is null ? new SysfsWrite(0, o.PlanError)
            : o.Operation.Error is { } e ? new SysfsWrite(0, e)
            : new SysfsWrite(value.Length, null);
    }

    /// <inheritdoc/>
    public T Run<T>(T op)
        where T : KernelOperation
    {
        ArgumentNullException.ThrowIfNull(op);
        if (_sync.Busy)
        {
            var task = Submit(op);
            Await(task);
            return task.GetAwaiter().GetResult();
        }

        RunNow(new OperationRequest(op, null, null, _sync.Completed));
        return op;
    }

    /// <summary>
    /// Runs the scheduler until <paramref name="done"/> holds (checked between steps); false when nothing can run and
    /// it does not hold (the caller decides whether that is a deadlock).
    /// </summary>
    public bool RunUntil(Func<bool> done) => _runtime.RunUntil(done);

    /// <summary>Runs the host's scheduler until nothing is enabled; returns the steps run.</summary>
    public long RunUntilQuiescent() => _runtime.RunUntilQuiescent();

    /// <summary>Terminates the host's own system (a host living in a given system or island leaves it alone).</summary>
    public void Dispose()
    {
        if (_runtime.Owned)
        {
            _runtime.System!.Dispose();
        }
    }

    /// <summary>
    /// Runs <paramref name="request"/> (whose callback is <see cref="SyncCall.Completed"/>) to its end and returns how it
    /// ended, as <see cref="Write"/> and <see cref="Run{T}"/> would through a task, without one: a fleet host makes a
    /// thousand such calls, one at a time, and each task cost its completion source, its closures and the wait's predicate.
    /// </summary>
    private OperationOutcome RunNow(OperationRequest request)
    {
        var call = _sync;
        call.Begin();
        OperationOutcome outcome;
        try
        {
            Start(request);
            Wait(call.Done);
            outcome = call.Outcome!.Value;
        }
        catch
        {
            // The request may still end in a later run of the scheduler: its callback must not end the next call.
            _sync = new SyncCall();
            throw;
        }
        finally
        {
            call.End();
        }

        if (outcome.Fault is { } fault)
        {
            ExceptionDispatchInfo.Throw(fault);
        }

        return outcome;
    }

    /// <summary>Runs the scheduler until <paramref name="task"/> completes; throws <see cref="HostStuckException"/> when nothing can run and it has not.</summary>
    private void Await(Task task) => Wait(() => task.IsCompleted);

    /// <summary>Runs the scheduler until <paramref name="done"/> holds; throws <see cref="HostStuckException"/> when nothing can run and it does not.</summary>
    private void Wait(Func<bool> done)
    {
        if (!_runtime.RunUntil(done))
        {
            var problems = _context.JournalProblems.Count == 0 ? "" : "\n  journal: " + string.Join("\n  journal: ", _context.JournalProblems);
            var report = (StuckReport() ?? $"{Name}: nothing can run and the operation has not returned") + problems;

            // A failed journal write stops the owner that met it, so the host waits for it forever: the failure is the cause.
            throw _context.JournalFailure is { } failure ? new HostStuckException(report, failure) : new HostStuckException(report);
        }
    }
}
