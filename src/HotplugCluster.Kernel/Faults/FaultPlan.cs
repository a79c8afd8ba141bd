namespace HotplugCluster.Kernel.Faults;

/// <summary>
/// BUGGIFY-style fault sites, fixed for a whole run (an explorer derives one from its seed) and read by the operations
/// through <see cref="Host.HostState.Faults"/> (race seeds (c) and (d), docs/kernel-model.md "Race seeds"). Faults are
/// run configuration, not kernel state: they are not journaled; their effects (errnos, rollbacks) are.
/// <list type="bullet">
/// <item><see cref="AddFailure"/>: an allocation fails at block k of every multi-block add.</item>
/// <item><see cref="NotifierVeto"/>: a memory notifier vetoes a GOING_* event.</item>
/// <item><see cref="PcplistPagesDuringOffline"/>: pages freed during isolation sit on a per-cpu list, so the first
/// <c>test_pages_isolated()</c> of every offline fails until <c>drain_all_pages()</c> (9683182612214, v5.9).</item>
/// <item><see cref="SignalAtOfflinePass"/>: a signal is pending at pass n of every offline's retry loop: -EINTR.</item>
/// </list>
/// </summary>
public sealed record FaultPlan(
    AddFailure? AddFailure = null,
    NotifierVeto? NotifierVeto = null,
    uint PcplistPagesDuringOffline = 0,
    int? SignalAtOfflinePass = null)
{
    /// <summary>No faults.</summary>
    public static FaultPlan None { get; } = new();

    /// <summary>Whether any fault site is armed.</summary>
    public bool Any => this != None;

    /// <summary>
    /// Arms every site in <paramref name="sites"/> with parameters drawn from <paramref name="next"/> (the caller's
    /// seeded source: <c>next(n)</c> returns 0..n-1), so a run's faults are fixed by its seed: the failing block
    /// (0..<paramref name="maxBlock"/>-1) and point, the vetoed action, its errno (-ENOMEM, -EBUSY) and call
    /// (1..4), the signal's pass (0..<paramref name="maxPass"/>-1). Sites not enabled stay unarmed.
    /// </summary>
    public static FaultPlan Choose(FaultSite sites, Func<int, int> next, int maxBlock = 8, int maxPass = 8)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBlock, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPass, 1);
        AddFailure? add = null;
        if ((sites & FaultSite.AllocationFailure) != 0)
        {
            add = new AddFailure(next(maxBlock), next(2) == 0 ? AddFailurePoint.ArchAddMemory : AddFailurePoint.CreateMemoryBlockDevices);
        }

        NotifierVeto? veto = null;
        if ((sites & FaultSite.NotifierVeto) != 0)
        {
            var action = next(2) == 0 ? Hotplug.MemoryAction.MEM_GOING_ONLINE : Hotplug.MemoryAction.MEM_GOING_OFFLINE;
            veto = new NotifierVeto(action, next(2) == 0 ? Errno.ENOMEM : Errno.EBUSY, 1 + next(4));
        }

        var pcp = (sites & FaultSite.PcplistPage) != 0 ? 1u : 0u;
        int? signal = (sites & FaultSite.SignalDuringOffline) != 0 ? next(maxPass) : null;
        return new FaultPlan(add, veto, pcp, signal);
    }
}
