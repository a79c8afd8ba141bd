using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;

namespace HotplugCluster.Simulation.Invariants;

/// <summary>
/// What an invariant may look at: the host state, and when checked from <see cref="KernelHost.OnStep"/> the step
/// just executed with the executor's view of held locks, the journal and the locks leaked so far.
/// </summary>
public sealed record InvariantContext(
    HostState State,
    StepExecution? Step = null,
    IReadOnlyList<KernelEvent>? Journal = null,
    IReadOnlyList<string>? LeakedLocks = null)
{
    /// <summary>The context of <paramref name="host"/> after <paramref name="step"/> (null: between operations).</summary>
    public static InvariantContext Of(KernelHost host, StepExecution? step = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        return new InvariantContext(host.State, step, host.KeepJournal ? host.Journal : null, host.LeakedLocks);
    }

    /// <summary>
    /// Block names ("memoryN") whose device lock some operation holds: blocks in the middle of an online or offline,
    /// whose zone, node and group counters legitimately disagree with their state until the step that finishes it.
    /// </summary>
    public IReadOnlySet<string> BlocksInFlight { get; } = Step is null
        ? new SortedSet<string>(StringComparer.Ordinal)
        : new SortedSet<string>(Step.AllHeld.Where(h => h.Lock == KernelLock.MemoryBlockDevice && h.Instance is not null).Select(h => h.Instance!), StringComparer.Ordinal);

    /// <summary>Dax device names whose device lock some operation holds (a driver probe or remove in progress).</summary>
    public IReadOnlySet<string> DaxDevicesInFlight { get; } = Step is null
        ? new SortedSet<string>(StringComparer.Ordinal)
        : new SortedSet<string>(Step.AllHeld.Where(h => h.Lock == KernelLock.DaxDevice && h.Instance is not null).Select(h => h.Instance!), StringComparer.Ordinal);
}
