using HotplugCluster.Kernel.Host;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// One atomic step of a kernel operation: it reads state, touches one owner, and runs under
/// <see cref="Lock"/> (which an earlier <see cref="StepKind.Acquire"/> step took). Between steps other
/// operations may run.
/// </summary>
public sealed record KernelStep(string Name, StepKind Kind, StateOwner Owner, KernelLock Lock, Func<HostState, StepResult>? Run)
{
    /// <summary>
    /// A work step's rule as a function of its <see cref="Operation"/>, used when <see cref="Run"/> is null: a static
    /// delegate shared by every instance of the operation, where a lambda over the operation is a new delegate per step.
    /// </summary>
    internal Func<KernelOperation, HostState, StepResult>? Rule { get; init; }

    /// <summary>
    /// Which instance of <see cref="Owner"/> the step touches ("memory256", "node1", "dax0.0"), or which
    /// instance of <see cref="Lock"/> an acquire / release takes; null for host-wide owners and global locks.
    /// </summary>
    public string? Target { get; init; }

    /// <summary>The operation whose <c>Last</c> a work step's result becomes (so a step needs no wrapping closure).</summary>
    internal KernelOperation? Operation { get; init; }

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
