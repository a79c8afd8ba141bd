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

    /// <summary>Whether a step that names a lock must find it held (off when a §8 bug switch drops an acquire).</summary>
    public bool EnforceLocks { get; set; } = true;

    /// <summary>Migration passes an interrupted offline gets before its signal (a shell's timeout); sysfs writes use it.</summary>
    public int SignalAfterAttempts { get; set; } = 100;

    /// <summary>Boots a host: nodes, DRAM, CXL windows and regions, dax devices, then the driver probes.</summary>
    public static KernelHost Boot(HostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var layout = settings.Resolve().GetOrThrow();
        var host = new KernelHost(new HostState(layout));
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
            Execute(step);
        }

        if (_held.Count > 0 && EnforceLocks)
        {
            throw new InvalidOperationException($"{op.Name} returned holding {string.Join(", ", _held)}");
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

    private void Execute(KernelStep step)
    {
        if (RecordSteps)
        {
            _steps.Add(step);
        }

        switch (step.Kind)
        {
            case StepKind.Acquire:
                _held.Add((step.Lock, step.Target));
                return;
            case StepKind.Release:
                if (!_held.Remove((step.Lock, step.Target)) && EnforceLocks)
                {
                    throw new InvalidOperationException($"unlock of {step.Lock} that is not held");
                }

                return;
        }

        if (EnforceLocks && step.Lock != KernelLock.None && !_held.Exists(h => h.Lock == step.Lock))
        {
            throw new InvalidOperationException($"step '{step.Name}' needs {step.Lock}, held: [{string.Join(", ", _held)}]");
        }

        for (var attempt = 0; ; attempt++)
        {
            var result = step.Run(State);
            foreach (var e in result.Events)
            {
                Append(e);
            }

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

    private void Append(KernelEvent e)
    {
        KernelApply.Apply(State, e);
        if (KeepJournal)
        {
            _journal.Add(e);
        }
    }
}
