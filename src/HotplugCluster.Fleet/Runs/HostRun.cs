using System.Collections.Immutable;
using HotplugCluster.Actors;
using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Fleet.Results;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Simulation.Hosts;

namespace HotplugCluster.Fleet.Runs;

/// <summary>
/// Runs one host of a fleet: boots it as actors on its island, drives the timeline through its sysfs files and kernel
/// operations (one at a time, as a management agent would), and measures it. Every draw comes from the host's seed.
/// </summary>
internal sealed partial class HostRun
{
    private const string KmemName = "System RAM (kmem)";

    // Every host has the same name: its streams are told apart by variant and host index (the journal's), not by prefix.
    private const string HostName = "host";

    private readonly SimulatedHost _host;
    private readonly Island _island;
    private readonly HostClass _class;
    private readonly DeterministicRandom _random;
    private readonly List<(BlockId Id, OnlineType Type)> _removed = [];
    private readonly List<string> _removedDevices = [];
    private readonly SortedDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private OnlineType _lastOnline = OnlineType.Online;
    private HostCapacity? _capacity;
    private long _fillShortfall;
    private int _reclaimAttempted;
    private int _reclaimRemoved;
    private long _reclaimSteps;
    private int _reAdded;

    private HostRun(SimulatedHost host, Island island, HostClass cls, long seed)
    {
        _host = host;
        _island = island;
        _class = cls;
        _random = new DeterministicRandom(seed);
    }

    /// <summary>
    /// Runs host <paramref name="index"/> of class <paramref name="cls"/> on <paramref name="island"/>: boots it, or restores
    /// <paramref name="prefix"/> (the class's run of the timeline's leading operations), runs the rest of <paramref name="timeline"/>,
    /// and returns its figures; <paramref name="journal"/> (when given) gets every event, the prefix's included. A restored host is
    /// copied into <paramref name="storage"/>'s recycled state, and gives its own back when done.
    /// </summary>
    public static HostResult Run(
        int index, HostClass cls, ImmutableArray<FleetOperation> timeline, long seed, Island island, Action<HostEventLog>? journal, HostPrefix? prefix = null,
        HostStateStorage? storage = null)
    {
        var options = HostOptions(island, keepEvents: journal is not null) with { StateStorage = storage };
        var host = prefix is null ? SimulatedHost.Boot(cls.Host, options) : SimulatedHost.Restore(prefix.Snapshot, options);

        var run = new HostRun(host, island, cls, seed);
        if (prefix is not null)
        {
            run._lastOnline = prefix.LastOnline;
            foreach (var (key, count) in prefix.Failures)
            {
                run._failures[key] = count;
            }
        }

        var first = prefix?.Operations ?? HostPrefix.Length(timeline);
        if (prefix is null)
        {
            // Where a copy would start: the prefix run, then whatever it left enabled (stopping operation threads) run too.
            foreach (var op in timeline.AsSpan(0, first))
            {
                run.Execute(op);
            }

            host.RunUntilQuiescent();
        }

        foreach (var op in timeline.AsSpan()[first..])
        {
            if (op.Kind == FleetOperationKind.Reclaim)
            {
                run._capacity ??= HostCapacity.Measure(host.State);
            }

            run.Execute(op);
        }

        var capacity = run._capacity ?? HostCapacity.Measure(host.State);

        // Blocks the host had at its largest: after hot-add (before a reclaim without re-add shrinks it).
        var blocks = Math.Max(host.State.Blocks.CountRegistered(), capacity.Blocks);
        journal?.Invoke(host.EventLog);
        var result = new HostResult(
            index, cls.Name, capacity.DramBytes, capacity.CxlCapacityBytes, capacity.CxlAddedBytes, capacity.MemmapDramBytes,
            capacity.AltmapCxlBytes, capacity.UsableCxlBytes, capacity.StrandedBytes, capacity.Ranges1G, capacity.FreeRanges1G,
            capacity.KernelPages, capacity.MovablePages, capacity.UsedPages, run._fillShortfall, run._reclaimAttempted, run._reclaimRemoved,
            run._failures.ToImmutableSortedDictionary(StringComparer.Ordinal), run._reclaimSteps, run._reAdded,
            host.KernelSteps, blocks, [.. host.Problems]);

        // Nothing reads the host's state after this (its figures are in the result, its journal is written).
        storage?.Recycle(host.State);
        return result;
    }

    /// <summary>
    /// Boots one host of <paramref name="cls"/> on an island of its own, runs the first <paramref name="operations"/> of
    /// <paramref name="timeline"/> (each a hot-add-cxl or online: see <see cref="HostPrefix.Length"/>), and keeps the result;
    /// with its events when <paramref name="keepEvents"/> (the hosts restored from it journal every event), else its streams' numbers only.
    /// </summary>
    internal static HostPrefix RunPrefix(HostClass cls, ImmutableArray<FleetOperation> timeline, int operations, bool keepEvents)
    {
        using var system = ActorSystem.Create("fleet-prefix", new ActorSystemSettings { Dispatcher = HotplugCluster.Actors.Dispatch.DispatcherKind.Parallel });
        var island = system.CreateIsland("prefix", new IslandSettings());
        HostPrefix? prefix = null;
        Island.RunInParallel([island], _ =>
        {
            var host = SimulatedHost.Boot(cls.Host, HostOptions(island, keepEvents));
            var run = new HostRun(host, island, cls, seed: 0);
            foreach (var op in timeline.AsSpan(0, operations))
            {
                run.Execute(op);
            }

            prefix = new HostPrefix(host.Snapshot(), operations, run._failures.ToImmutableSortedDictionary(StringComparer.Ordinal), run._lastOnline);

            // The snapshot holds copies of all it needs: the island's actors are left to the collector like a finished host's,
            // where disposing the system would stop every one of them (two system messages each: 6-7% of the prefix's CPU samples in a profile).
            island.Discard();
        });
        return prefix!;
    }

    /// <summary>A fleet host (and its class's prefix host): no step log, and the fleet protocol (<see cref="HostProtocol.Fleet"/>).</summary>
    private static SimulatedHostOptions HostOptions(Island island, bool keepEvents) => new()
    {
        Island = island,
        Name = HostName,
        RecordSteps = false,
        KeepEvents = keepEvents,
        Protocol = HostProtocol.Fleet,
    };

    private void Execute(FleetOperation op)
    {
        switch (op.Kind)
        {
            case FleetOperationKind.HotAddCxl:
                HotAddCxl();
                break;
            case FleetOperationKind.Online:
                _lastOnline = op.OnlineType;
                OnlineOffline(op.OnlineType);
                break;
            case FleetOperationKind.Fill:
                Fill();
                break;
            case FleetOperationKind.Reclaim:
                Reclaim(op);
                break;
            default:
                ReAdd();
                break;
        }
    }

    /// <summary>daxctl reconfigure-device -m system-ram --no-online for every CXL dax device: its sysfs writes in its order.</summary>
    /// <remarks>ndctl daxctl/device.c <c>reconfig_mode_system_ram()</c> → libdaxctl <c>daxctl_dev_disable()</c> / <c>daxctl_dev_enable()</c>.</remarks>
    private void HotAddCxl()
    {
        foreach (var window in _host.State.Layout.CxlWindows)
        {
            var dev = $"dax{window.Index}.0";
            if (_host.State.Dax.Find(dev) is not { Driver: Kernel.Dax.DaxDriver.DeviceDax })
            {
                continue;
            }

            _host.Write("/sys/bus/dax/drivers/device_dax/remove_id", dev + "\n");
            _host.Write("/sys/bus/dax/drivers/device_dax/unbind", dev + "\n");
            _host.Write("/sys/bus/dax/drivers/kmem/new_id", dev + "\n");
            var bind = _host.Write("/sys/bus/dax/drivers/kmem/bind", dev + "\n");
            if (_host.State.Dax.Find(dev)?.Driver != Kernel.Dax.DaxDriver.Kmem)
            {
                Fail("hot-add", bind.Error?.Name ?? "unbound");
            }
        }
    }

    /// <summary>What a udev rule does for every new offline block: <c>echo TYPE &gt; memoryN/state</c>, in block order.</summary>
    private void OnlineOffline(OnlineType type)
    {
        var text = OnlineText(type);
        var offline = _host.State.Blocks.Registered().Where(b => b.State == MemoryBlockState.Offline).Select(b => b.Id).ToList();
        foreach (var id in offline)
        {
            var w = _host.Write(id.StatePath, text);
            if (w.Error is { } e)
            {
                Fail("online", e.Name);
            }
        }
    }

    private void Fail(string op, string errno)
    {
        var key = op == "reclaim" ? errno : $"{op}: {errno}";
        _failures[key] = _failures.GetValueOrDefault(key) + 1;
    }

    private static string OnlineText(OnlineType type) => type switch
    {
        OnlineType.OnlineMovable => "online_movable",
        OnlineType.OnlineKernel => "online_kernel",
        _ => "online",
    };
}
