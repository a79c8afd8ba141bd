using HotplugCluster.Kernel.Operations;

namespace HotplugCluster.Kernel.Host;

/// <summary>
/// One executed step as the executor saw it, handed to <see cref="KernelHost.OnStep"/> after the step's events
/// were applied: which operation ran it (its index in <see cref="KernelHost.RunInterleaved"/>, 0 for
/// <see cref="KernelHost.Run{T}"/>), the locks that operation held while the step ran, and whether the step's
/// own lock (<see cref="KernelStep.Lock"/>) was among them. <c>HeldByOthers</c>: the locks every other operation of
/// an interleaved run held at that moment (empty under <see cref="KernelHost.Run{T}"/>).
/// </summary>
public sealed record StepExecution(int Operation, string OperationName, KernelStep Step, IReadOnlyList<HeldLock> Held, IReadOnlyList<HeldLock> HeldByOthers, int Index)
{
    /// <summary>Whether a work step ran while its operation held the lock it names (any instance); true for lock steps and lock-free work.</summary>
    /// <summary>Every lock held by any operation right after the step (its own and the others').</summary>
    public IEnumerable<HeldLock> AllHeld => Held.Concat(HeldByOthers);

    public bool LockHeld => Step.Kind != StepKind.Work || Step.Lock == KernelLock.None || Held.Any(h => h.Lock == Step.Lock);
}
