using HotplugCluster.Kernel.Faults;

namespace HotplugCluster.Exploration.Schedules;

/// <summary>A fault plan as one readable line: the armed sites and their parameters, or "none".</summary>
public static class FaultPlanText
{
    /// <summary>E.g. "allocation failure at block 2 in CreateMemoryBlockDevices; pcplist page during offline".</summary>
    public static string Of(FaultPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var parts = new List<string>();
        if (plan.AddFailure is { } a)
        {
            parts.Add($"allocation failure at block {a.AtBlock} in {a.Point}");
        }

        if (plan.NotifierVeto is { } v)
        {
            parts.Add($"notifier veto of {v.Action} with {v.Error.Name} on call {v.Occurrence}");
        }

        if (plan.PcplistPagesDuringOffline > 0)
        {
            parts.Add("pcplist page during offline");
        }

        if (plan.SignalAtOfflinePass is { } p)
        {
            parts.Add($"signal at offline pass {p}");
        }

        return parts.Count == 0 ? "none" : string.Join("; ", parts);
    }
}
