using HotplugCluster.Fleet.Configuration;

namespace HotplugCluster.Fleet.Runs;

/// <summary>
/// What every host of one variant starts from: each class's run of the timeline's leading hot-add-cxl and online
/// operations when hosts start from a copy (<see cref="FleetHostStart.Copy"/>), nothing when they boot. Computed once
/// per variant and shared by all its slices on a member (a slice alone would compute it again).
/// </summary>
public sealed class VariantStart
{
    private VariantStart(int variant, HostPrefix[]? prefixes)
    {
        Variant = variant;
        Prefixes = prefixes;
    }

    /// <summary>The variant's index.</summary>
    public int Variant { get; }

    internal HostPrefix[]? Prefixes { get; }

    /// <summary>Runs the prefixes of <paramref name="variant"/> of <paramref name="plan"/> (without their events: a slice journals none).</summary>
    public static VariantStart Of(FleetPlan plan, int variant)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var v = plan.Variants[variant];
        return new VariantStart(variant, plan.HostStart == FleetHostStart.Copy
            ? [.. v.Classes.Select(c => HostRun.RunPrefix(c, v.Timeline, HostPrefix.Length(v.Timeline), keepEvents: false))]
            : null);
    }
}
