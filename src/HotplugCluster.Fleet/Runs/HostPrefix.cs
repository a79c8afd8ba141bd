using System.Collections.Immutable;
using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Simulation.Hosts;

namespace HotplugCluster.Fleet.Runs;

/// <summary>
/// What every host of a class does alike: boot, then the timeline's leading hot-add-cxl and online operations, which
/// draw nothing from the host's seed and meet no other host. A fleet runs them once per class and variant and starts
/// each host from a copy (<see cref="SimulatedHost.Restore"/>); <c>fleet.host-start = boot</c> runs them on every host.
/// </summary>
internal sealed class HostPrefix(HostSnapshot snapshot, int operations, ImmutableSortedDictionary<string, int> failures, OnlineType lastOnline)
{
    /// <summary>The host after the prefix.</summary>
    public HostSnapshot Snapshot { get; } = snapshot;

    /// <summary>How many timeline operations the prefix ran.</summary>
    public int Operations { get; } = operations;

    /// <summary>Failures counted by the prefix's operations (a hot-add or online that failed), by key.</summary>
    public ImmutableSortedDictionary<string, int> Failures { get; } = failures;

    /// <summary>The online type the prefix's last online operation used (a later re-add onlines with it).</summary>
    public OnlineType LastOnline { get; } = lastOnline;

    /// <summary>How many leading operations of <paramref name="timeline"/> every host runs alike: hot-add-cxl and online only.</summary>
    public static int Length(ImmutableArray<FleetOperation> timeline)
    {
        var n = 0;
        while (n < timeline.Length && timeline[n].Kind is FleetOperationKind.HotAddCxl or FleetOperationKind.Online)
        {
            n++;
        }

        return n;
    }
}
