using HotplugCluster.Kernel.Host;
using HotplugCluster.Persistence.Actors;
using HotplugCluster.Simulation.Locks;

namespace HotplugCluster.Simulation.Hosts;

/// <summary>
/// What one host's actors share: the kernel state (each partition applied only by its owner), the protocol,
/// the lock book, the logs and the directory. All of a host's actors run on one deterministic scheduler, so
/// they never touch it concurrently (docs/simulation.md, "Shared state").
/// </summary>
internal sealed class HostContext(string name, HostState state)
{
    private readonly List<StepRecord> _steps = [];
    private readonly List<string> _problems = [];
    private readonly List<string> _journalProblems = [];
    private readonly List<OperationStatus> _operations = [];
    private long _nextOp;

    // RunOperation messages handed back by the threads that took them (usually one): see RunOperation.
    private readonly Stack<Messages.RunOperation> _spareRuns = new();

    /// <summary>The host's name, also the prefix of every persistence id.</summary>
    public string Name { get; } = name;

    public HostState State { get; } = state;

    public bool EnforceLocks { get; set; } = true;

    public bool RecordSteps { get; set; } = true;

    /// <summary>How the host's actors talk (<see cref="SimulatedHostOptions.Protocol"/>).</summary>
    public HostProtocol Protocol { get; init; } = HostProtocol.Exploration;

    /// <summary>The protocol's lock handling.</summary>
    public LockHandling LockHandling => Protocol.Locks;

    /// <summary>Operation threads that returned and wait for the next operation (<see cref="HostProtocol.ReuseOperationThreads"/>), last returned on top.</summary>
    public Stack<HotplugCluster.Actors.IActorRef> IdleThreads { get; } = new();

    public int SignalAfterAttempts { get; set; } = 100;

    public LockBook Locks { get; } = new();

    public HostEventLog Events { get; } = new();

    public HostDirectory Directory { get; } = new();

    public IReadOnlyList<StepRecord> Steps => _steps;

    public IReadOnlyList<string> Problems => _problems;

    public IReadOnlyList<OperationStatus> Operations => _operations;

    /// <summary>
    /// Kernel steps run since boot (a restored host counts on from its snapshot's): every attempt of a work step, every lock
    /// taken and every unlock, one per entry a step log has, whether or not steps are recorded. The same under every
    /// <see cref="HostProtocol"/>, unlike the dispatcher's deliveries, so reported figures count these.
    /// </summary>
    public long KernelSteps { get; private set; }

    /// <summary>A restored host counts kernel steps on from its snapshot's.</summary>
    public void ContinueKernelStepsFrom(long steps) => KernelSteps = steps;

    /// <summary>Records a work step; the text is formatted only when steps are recorded (a fleet run records none).</summary>
    public void RecordStep(string opId, Kernel.Operations.KernelStep step, int attempt)
    {
        KernelSteps++;
        if (RecordSteps)
        {
            _steps.Add(new StepRecord(opId, attempt == 1 ? step.ToString() : $"{step} (attempt {attempt})"));
        }
    }

    /// <summary>Records a lock step ("lock X" / "unlock X"), formatted only when steps are recorded.</summary>
    public void RecordStep(string opId, string verb, LockName name)
    {
        KernelSteps++;
        if (RecordSteps)
        {
            _steps.Add(new StepRecord(opId, verb + " " + name));
        }
    }

    /// <summary>Notes a lock protocol error or a lockdep-style warning; a host's problems are part of its report.</summary>
    public void Report(string problem) => _problems.Add(problem);

    /// <summary>Journal problems (also in <see cref="Problems"/>): a stuck host names them, since they stop owners.</summary>
    public IReadOnlyList<string> JournalProblems => _journalProblems;

    public void ReportJournal(string problem)
    {
        _problems.Add(problem);
        _journalProblems.Add(problem);
    }

    /// <summary>The first journal write that failed (not a rejection): the run's record ends there.</summary>
    public Exception? JournalFailure { get; private set; }

    /// <summary>Notes a failed journal write: a problem, and the cause if it is the first.</summary>
    public void ReportJournalFailure(string problem, Exception cause)
    {
        ReportJournal(problem);
        JournalFailure ??= cause;
    }

    /// <summary>Operations started since boot (the next gets op{n+1}), restored ones included.</summary>
    public long OperationsStarted => _nextOp;

    /// <summary>A restored host numbers its operations on from the snapshot's (<c>op{n+1}</c>), as the host it copies would.</summary>
    public void ContinueOperationsFrom(long started) => _nextOp = started;

    /// <summary>Numbers <paramref name="request"/>'s operation (<c>opN</c>), named after its kernel operation or "write PATH".</summary>
    public OperationStatus StartOperation(OperationRequest request)
    {
        var status = new OperationStatus(OperationIds.Of(++_nextOp), request.Operation?.Name, request.Path);
        _operations.Add(status);
        return status;
    }

    /// <summary>The message that hands <paramref name="request"/> to an idle thread: a spare one when a thread has handed one back (<see cref="GiveBack"/>).</summary>
    internal Messages.RunOperation RunOperation(OperationStatus status, OperationRequest request) =>
        _spareRuns.TryPop(out var run) ? run.Reuse(status, request) : new Messages.RunOperation(status, request);

    /// <summary>A thread has copied out <paramref name="run"/>'s fields: the message is free for the next operation.</summary>
    internal void GiveBack(Messages.RunOperation run) => _spareRuns.Push(run.Reuse(null!, default));

    /// <summary>Where owners persist their events: a system's journal, or transient (nothing written).</summary>
    public PersistenceExtension Persistence { get; init; } = PersistenceExtension.Transient;

    /// <summary>Prefix of every persistence id: the host's name, or <c>run/host</c> when a run is recorded.</summary>
    public string StreamPrefix { get; init; } = name;

    /// <summary>Told of every stored event (persistence id, sequence number), in store order.</summary>
    public Action<string, long>? OnPersisted { get; init; }

    /// <summary>Told of every work step once its events are applied (<see cref="SimulatedHostOptions.OnStep"/>).</summary>
    public Action<HostStep>? OnStep { get; init; }

    public string PersistenceId(string part) => $"{StreamPrefix}/{part}";
}
