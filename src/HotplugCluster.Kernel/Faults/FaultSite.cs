namespace HotplugCluster.Kernel.Faults;

/// <summary>
/// The fault sites a scenario can enable (docs/kernel-model.md, "Fault sites"); a member's kebab-case name is its
/// config name (<c>SignalDuringOffline</c> → <c>signal-during-offline</c>). <see cref="FaultPlan.Choose"/> arms the
/// enabled ones.
/// </summary>
[Flags]
public enum FaultSite
{
    None = 0,

    /// <summary>An allocation failure at block k of a multi-block add (<see cref="FaultPlan.AddFailure"/>).</summary>
    AllocationFailure = 1,

    /// <summary>A memory notifier veto of MEM_GOING_ONLINE or MEM_GOING_OFFLINE (<see cref="FaultPlan.NotifierVeto"/>).</summary>
    NotifierVeto = 1 << 1,

    /// <summary>A pcplist-held page during offline (<see cref="FaultPlan.PcplistPagesDuringOffline"/>).</summary>
    PcplistPage = 1 << 2,

    /// <summary>A signal during offline (<see cref="FaultPlan.SignalAtOfflinePass"/>).</summary>
    SignalDuringOffline = 1 << 3,
}
