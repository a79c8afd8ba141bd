using HotplugCluster.Simulation.Hosts;

namespace HotplugCluster.Fleet.Runs;

/// <summary>How to run a fleet: workers, progress callbacks, and an optional sink for every host's events (full journal).</summary>
public sealed record FleetRunOptions
{
    /// <summary>Islands run at once; 0 takes the plan's setting, whose 0 means one per core.</summary>
    public int Parallelism { get; init; }

    /// <summary>Called after each host with (hosts done, hosts in all variants); from worker threads, so it must be thread-safe.</summary>
    public Action<long, long>? Progress { get; init; }

    /// <summary>Called on the calling thread when a variant starts (its index), before its classes' prefixes run.</summary>
    public Action<int>? VariantStarting { get; init; }

    /// <summary>Called on the calling thread once a variant's class prefixes have run (its index), just before its hosts start.</summary>
    public Action<int>? HostsStarting { get; init; }

    /// <summary>When set, every host keeps its events and this gets (variant, host index, log) from the worker thread that ran it.</summary>
    public Action<int, int, HostEventLog>? Journal { get; init; }
}
