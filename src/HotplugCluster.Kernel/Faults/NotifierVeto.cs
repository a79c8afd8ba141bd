using HotplugCluster.Kernel.Hotplug;

namespace HotplugCluster.Kernel.Faults;

/// <summary>
/// A memory notifier callback vetoes <see cref="Action"/> (MEM_GOING_ONLINE or MEM_GOING_OFFLINE) with
/// <see cref="Error"/> on its <see cref="Occurrence"/>-th call in the run (1-based; 0: every call). Unlike the
/// notifier-error-inject files this is not host state: it is fixed for the run by the explorer's seed.
/// </summary>
public sealed record NotifierVeto(MemoryAction Action, Errno Error, int Occurrence = 0)
{
    /// <summary>Whether the <paramref name="call"/>-th call (1-based) of <paramref name="action"/> is vetoed.</summary>
    public bool StrikesAt(MemoryAction action, int call) => action == Action && (Occurrence == 0 || Occurrence == call);
}
