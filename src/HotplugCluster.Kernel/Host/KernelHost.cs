using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Sysfs;

namespace HotplugCluster.Kernel.Host;

/// <summary>
/// The sequential executor: runs each operation's steps in order, applies their events and journals them.
/// Unit tests use it; a later race explorer interleaves the same steps and compares against it.
/// </summary>
public sealed partial class KernelHost
{
    /// <summary>A retrying step that never stops is a model bug or a missing signal; give up loudly.</summary>
    private const int RetryLimit = 100_000;

    private readonly List<KernelEvent> _journal = [];
    private readonly List<(KernelLock Lock, string? Instance)> _held = [];
    private readonly List<KernelStep> _steps = [];
    private readonly List<string> _leaked = [];
    private int _executed;

    private KernelHost(HostState state)
    {
        State = state;
    }

    public HostState State { get; }

    /// <summary>Every event applied since the empty state, boot included.</summary>
    public IReadOnlyList<KernelEvent> Journal => _journal;

    /// <summary>Whether applied events are kept in <see cref="Journal"/> (fleet runs that persist elsewhere turn it off).</summary>
    public bool KeepJournal { get; set; } = true;

    /// <summary>Whether executed steps are kept in <see cref="StepLog"/>.</summary>
    public bool RecordSteps { get; set; }

    /// <summary>The steps run so far, locks included, when <see cref="RecordSteps"/> is on.</summary>
    public IReadOnlyList<KernelStep> StepLog => _steps;

    /// <summary>
    /// Whether a step that names a lock must find it held, and an operation must not return holding one, under
    /// <see cref="Run{T}"/>. Boot turns it off when any historical bug switch is on (a switch may drop an acquire).
    /// </summary>
    public bool EnforceLocks { get; set; } = true;

    /// <summary>
    /// Called after every executed step (lock steps included) of <see cref="Run{T}"/> and <see cref="RunInterleaved"/>,
    /// once its events are applied: the hook for invariants checked after every step. Null: no callback.
    /// </summary>
    public Action<StepExecution>? OnStep { get; set; }

    /// <summary>
    /// Locks an operation still held when its steps ran out (a leaked lock, e.g. try_remove_memory() before
    /// b4223a510e2a), as "operation: lock", collected across runs; only possible when <see cref="EnforceLocks"/> is off
    /// or under <see cref="RunInterleaved"/>.
    /// </summary>
    public IReadOnlyList<string> LeakedLocks => _leaked;

    /// <summary>Steps executed so far by this host (lock steps included); <see cref="StepExecution.Index"/> counts from 0.</summary>
    public int StepsExecuted => _executed;

    /// <summary>Migration passes an interrupted offline gets before its signal (a shell's timeout); sysfs writes use it.</summary>
    public int SignalAfterAttempts { get; set; } = 100;

    /// <summary>Boots a host: nodes, DRAM, CXL windows and regions, dax devices, then the driver probes.</summary>
    public static KernelHost Boot(HostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var layout = settings.Resolve().GetOrThrow();
        var host = new KernelHost(new HostState(layout))
        {
            // A historical bug switch may drop an acquire; lock discipline is then an invariant to check, not an
            // executor error.
            EnforceLocks = layout.Settings.Kernel.Bugs == KernelBugs.None,
        };
        foreach (var e in BootPlanner.Plan(layout))
        {
            host.Append(e);
        }

        foreach (var op in BootPlanner.Probes(host.State))
        {
            host.Run(op);
        }

        return host;
    }

    /// <summary>Rebuilds a host's state from its journal alone (Apply over the events, no rules).</summary>
    public static HostState Replay(HostSettings settings, IEnumerable<KernelEvent> journal)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(journal);
        var state = new HostState(settings.Resolve().GetOrThrow());
        foreach (var e in journal)
        {
            KernelApply.Apply(state, e);
        }

        return state;
    }

    /// <summary>Runs every step of <paramref name="op"/> and returns it (its Error / ReturnValue are set).</summary>
    public T Run<T>(T op)
        where T : KernelOperation
    {
        ArgumentNullException.ThrowIfNull(op);
        foreach (var step in op.Steps())
        {
            Execute(op.Name, step);
        }

        if (_held.Count > 0)
        {
            if (EnforceLocks)
            {
                throw new InvalidOperationException($"{op.Name} returned holding {string.Join(", ", _held)}");
            }

            _leaked.AddRange(_held.Select(h => $"{op.Name}: {new HeldLock(h.Lock, h.Instance)}"));
            _held.Clear();
        }

        return op;
    }

    /// <summary><c>ls dir</c>, or null when it does not exist.</summary>
    public IReadOnlyList<string>? List(string dir) => SysfsTree.List(State, dir);

    /// <summary><c>cat path</c>.</summary>
    public SysfsRead Read(string path) => SysfsReader.Read(State, path);

    /// <summary><c>echo value &gt; path</c> (pass the newline echo adds, or not): the byte count or the errno.</summary>
    public SysfsWrite Write(string path, string value)
    {
        var (op, error) = SysfsWriter.Plan(State, path, value, SignalAfterAttempts);
        if (op is null)
        {
            return new SysfsWrite(0, error);
        }

        Run(op);
        return op.Error is { } e ? new SysfsWrite(0, e) : new SysfsWrite(value.Length, null);
    }

    private void Execute(string operation, KernelStep step)
    {
        if (RecordSteps)
        {
            _steps.Add(step);
        }

        switch (step.Kind)
        {
            case StepKind.Acquire:
                _held.Add((step.Lock, step.Target));
                Notify(0, operation, step, _held);
                return;
            case StepKind.Release:
                if (!_held.Remove((step.Lock, step.Target)) && EnforceLocks)
                {
                    throw new InvalidOperationException($"unlock of {step.Lock} that is not held");
                }

                Notify(0, operation, step, _held);
                return;
        }

        if (EnforceLocks && step.Lock != KernelLock.None && !_held.Exists(h => h.Lock == step.Lock))
        {
            throw new InvalidOperationException($"step '{step.Name}' needs {step.Lock}, held: [{string.Join(", ", _held)}]");
        }

        for (var attempt = 0; ; attempt++)
        {
            var result = step.Execute(State);
            for (var i = 0; i < result.EventCount; i++)
            {
                Append(result.EventAt(i));
            }

            Notify(0, operation, step, _held);
            if (!result.Retry)
            {
                return;
            }

            if (attempt >= RetryLimit)
            {
                throw new InvalidOperationException($"step '{step.Name}' retried {RetryLimit} times with no signal");
            }
        }
    }

    private void Notify(int operation, string name, KernelStep step, List<(KernelLock Lock, string? Instance)> held, IEnumerable<(KernelLock Lock, string? Instance)>? others = null)
    {
        var index = _executed++;
        if (OnStep is { } callback)
        {
            callback(new StepExecution(
                operation, name, step, [.. held.Select(h => new HeldLock(h.Lock, h.Instance))],
                others is null ? [] : [.. others.Select(h => new HeldLock(h.Lock, h.Instance))], index));
        }
    }

    private void Append(KernelEvent e)
    {
        KernelApply.Apply(State, e);
        if (KeepJournal)
        {
            _journal.Add(e);
        }
    }
}
