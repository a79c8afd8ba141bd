using HotplugCluster.Kernel.Host;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// One atomic step of a kernel operation: it reads state, touches one owner, and runs under
/// <see cref="Lock"/> (which an earlier <see cref="StepKind.Acquire"/> step took). Between steps other
/// operations may run.
/// </summary>
public sealed record KernelStep(string Name, StepKind Kind, StateOwner Owner, KernelLock Lock, Func<HostState, StepResult> Run)
{
    public override string ToString() => Kind switch
    {
        StepKind.Acquire => $"lock {Lock}",
        StepKind.Release => $"unlock {Lock}",
        _ => Lock == KernelLock.None ? $"{Name} [{Owner}]" : $"{Name} [{Owner}, {Lock}]",
    };
}
