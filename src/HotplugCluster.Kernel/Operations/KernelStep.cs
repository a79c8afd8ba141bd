using HotplugCluster.Kernel.Host;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// One atomic step of a kernel operation: it reads state, touches one owner, and runs under
/// <see cref="Lock"/> (which an earlier <see cref="StepKind.Acquire"/> step took). Between steps other
/// operations may run.
/// </summary>
/// <remarks>
/// Immutable to everyone but <see cref="KernelOperation"/>: an operation given a reused step object
/// (<see cref="KernelOperation.ReuseStepObject"/>) writes each step it yields into that one object (<see cref="Refill"/>).
/// </remarks>
public sealed record KernelStep(string Name, StepKind Kind, StateOwner Owner, KernelLock Lock, Func<HostState, StepResult>? Run)
{
    private Func<KernelOperation, HostState, StepResult>? _rule;
    private string? _target;
    private KernelOperation? _operation;

    /// <summary>The step's name: the kernel function or statement it models.</summary>
    public string Name { get; private set; } = Name;

    /// <summary>Work, acquire or release.</summary>
    public StepKind Kind { get; private set; } = Kind;

    /// <summary>Which partition of the host's state the step touches.</summary>
    public StateOwner Owner { get; private set; } = Owner;

    /// <summary>The lock the step runs under (work) or takes / drops (acquire / release).</summary>
    public KernelLock Lock { get; private set; } = Lock;

    /// <summary>The step's rule, or null when it is a <see cref="Rule"/> of its operation.</summary>
    public Func<HostState, StepResult>? Run { get; private set; } = Run;

    /// <summary>
    /// A work step's rule as a function of its <see cref="Operation"/>, used when <see cref="Run"/> is null: a static
    /// delegate shared by every instance of the operation, where a lambda over the operation is a new delegate per step.
    /// </summary>
    internal Func<KernelOperation, HostState, StepResult>? Rule { get => _rule; init => _rule = value; }

    /// <summary>
    /// Which instance of <see cref="Owner"/> the step touches ("memory256", "node1", "dax0.0"), or which
    /// instance of <see cref="Lock"/> an acquire / release takes; null for host-wide owners and global locks.
    /// </summary>
    public string? Target { get => _target; init => _target = value; }

    /// <summary>The operation whose <c>Last</c> a work step's result becomes (so a step needs no wrapping closure).</summary>
    internal KernelOperation? Operation { get => _operation; init => _operation = value; }

    /// <summary>A step object for <see cref="KernelOperation.ReuseStepObject"/>: what it holds before the first step is written into it is never read.</summary>
    public static KernelStep Reusable() => new(string.Empty, StepKind.Work, StateOwner.None, KernelLock.None, null);

    /// <summary>Makes this object the step these fields describe (a reused step object's next step); returns it.</summary>
    internal KernelStep Refill(string name, StepKind kind, StateOwner owner, KernelLock @lock, Func<HostState, StepResult>? run,
        Func<KernelOperation, HostState, StepResult>? rule, string? target, KernelOperation? operation)
    {
        (Name, Kind, Owner, Lock, Run) = (name, kind, owner, @lock, run);
        (_rule, _target, _operation) = (rule, target, operation);
        return this;
    }

    /// <summary>Runs the step and hands its result to its operation (what the iterator reads next): executors call this, not <see cref="Run"/>.</summary>
    public StepResult Execute(HostState state)
    {
        var result = Run is { } run ? run(state) : Rule!(Operation!, state);
        Operation?.StepCompleted(result);
        return result;
    }

    public override string ToString() => Kind switch
    {
        StepKind.Acquire => Target is null ? $"lock {Lock}" : $"lock {Lock}({Target})",
        StepKind.Release => Target is null ? $"unlock {Lock}" : $"unlock {Lock}({Target})",
        _ => $"{Name} [{Owner}{(Target is null ? "" : ":" + Target)}{(Lock == KernelLock.None ? "" : ", " + Lock)}]",
    };
}
