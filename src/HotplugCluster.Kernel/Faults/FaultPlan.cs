namespace HotplugCluster.Kernel.Faults;

/// <summary>
/// BUGGIFY-style fault sites, fixed for a whole run (an explorer derives one from its seed) and read by the
/// operations through <see cref="Host.HostState.Faults"/> (reference §12.18, §8 seeds c and d). Faults are run
/// configuration, not kernel state: they are not journaled; their effects (errnos, rollbacks) are.
/// <list type="bullet">
/// <item><see cref="AddFailure"/>: an allocation fails at block k of every multi-block add.</item>
/// <item><see cref="NotifierVeto"/>: a memory notifier vetoes a GOING_* event.</item>
/// <item><see cref="PcplistPagesDuringOffline"/>: pages freed during isolation sit on a per-cpu list, so the first
/// <c>test_pages_isolated()</c> of every offline fails until <c>drain_all_pages()</c> (§8 #9).</item>
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
}
