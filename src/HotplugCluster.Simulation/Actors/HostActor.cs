using HotplugCluster.Actors;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Locks;
using HotplugCluster.Simulation.Messages;

namespace HotplugCluster.Simulation.Actors;

/// <summary>
/// The host: owns the host-wide partition (module parameters, notifier error injection, dmesg, ACPI memory devices,
/// the steps that touch no partition), creates the host's tree (global locks, mhp, nodes, dax bus, CXL devices),
/// boots it, and starts one task actor per operation.
/// </summary>
internal sealed class HostActor(HostContext host) : HostPartActor(host)
{
    private static readonly (KernelLock Lock, string Name)[] GlobalLocks =
    [
        (KernelLock.DeviceHotplug, "device_hotplug_lock"),
        (KernelLock.MemHotplug, "mem_hotplug_lock"),
        (KernelLock.DaxRegionRwsem, "dax_region_rwsem"),
        (KernelLock.DaxDevRwsem, "dax_dev_rwsem"),
    ];

    private Props? _threadProps;

    /// <summary>A reused operation thread, made by its first <see cref="RunOperation"/>.</summary>
    private Props ThreadProps => _threadProps ??= Props.Create(() => new OperationActor(Host)).WithCreationOnFirstMessage();
    private BootHost? _boot;
    private int _bootIndex;
    private IEnumerator<KernelOperation>? _probes;

    public override string PersistenceId => Host.StreamPrefix;

    protected override void OnStarted()
    {
        var ctx = Host;
        var dir = ctx.Directory;
        dir.Host = Self;
        foreach (var (kind, name) in GlobalLocks)
        {
            dir.SetGlobalLock(kind, Context.ActorOf(Props.Create(() => new LockActor(ctx, new LockName(kind, null))), name));
        }

        dir.Mhp = Context.ActorOf(Props.Create(() => new MhpActor(ctx)), "mhp");
        dir.Nodes = [.. ctx.State.Nodes.Select(n =>
        {
            var id = n.Id.Value;
            return Context.ActorOf(Props.Create(() => new NodeActor(ctx, id)), $"node{id}");
        })];
        dir.DaxBus = Context.ActorOf(Props.Create(() => new DaxBusActor(ctx)), "dax");
        dir.CxlDeviceNames = [.. ctx.State.Layout.CxlWindows.Select(w => w.Device.Name)];
        dir.CxlDevices = [.. ctx.State.Layout.CxlWindows.Select(w =>
        {
            var name = w.Device.Name;
            return Context.ActorOf(Props.Create(() => new CxlDeviceActor(ctx, name)), name);
        })];
    }

    protected override bool ReceiveOther(object message)
    {
        switch (message)
        {
            case BootHost boot:
                _boot = boot;
                NextBootEvent();
                return true;
            case RestoreHost restore:
                Restore(restore);
                return true;
            case BootCommitted:
                _bootIndex++;
                NextBootEvent();
                return true;
            case ProbeFinished finished:
                if (finished.Outcome.Fault is { } fault)
                {
                    _boot!.Booted(fault);
                    return true;
                }

                NextProbe();
                return true;
            case StartOperation start:
                Start(start.Request, start.Status);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The device actors of a restored state, through the owners that spawn them on registration (mhp, the dax bus).</summary>
    private void Restore(RestoreHost restore)
    {
        var dir = Host.Directory;
        dir.Mhp.Tell(new SpawnBlocks(restore.Blocks), Self);

        foreach (var name in restore.DaxDevices)
        {
            dir.DaxBus.Tell(new SpawnDaxDevice(name), Self);
        }

        // The snapshot host's idle operation threads, so the first operation here finds one as it would there.
        if (Host.Protocol.ReuseOperationThreads)
        {
            foreach (var name in restore.IdleThreads)
            {
                Host.IdleThreads.Push(Context.ActorOf(ThreadProps, name));
            }
        }
    }

    /// <summary>Starts <paramref name="request"/> on a thread; <paramref name="status"/>: numbered by the caller already (reused threads).</summary>
    private void Start(OperationRequest request, OperationStatus? status = null)
    {
        var ctx = Host;
        status ??= ctx.StartOperation(request);
        if (!ctx.Protocol.ReuseOperationThreads)
        {
            Context.ActorOf(Props.Create(() => new OperationActor(ctx, status, request)), status.OpId);
            return;
        }

        // A thread that returned takes the operation; a new one is made by it (named after the first operation it runs).
        if (!ctx.IdleThreads.TryPop(out var thread))
        {
            thread = Context.ActorOf(ThreadProps, status.OpId);
        }

        thread.Tell(ctx.RunOperation(status, request), Self);
    }

    /// <summary>The boot plan's events, one at a time through their owners, so the log has the plan's order under any schedule.</summary>
    private void NextBootEvent()
    {
        var plan = _boot!.Plan;
        if (_bootIndex < plan.Count)
        {
            BootOwner(plan[_bootIndex]).Tell(new CommitBoot(plan[_bootIndex]), Self);
            return;
        }

        // Driver probes at boot (device_dax, then kmem) run as operations, one after another, as the bus probes them.
        _probes = BootPlanner.Probes(Host.State).GetEnumerator();
        NextProbe();
    }

    private void NextProbe()
    {
        if (!_probes!.MoveNext())
        {
            _boot!.Booted(null);
            return;
        }

        var self = Self;
        Start(new OperationRequest(_probes.Current, null, null, o => self.Tell(new ProbeFinished(o), self)));
    }

    private IActorRef BootOwner(KernelEvent e)
    {
        var dir = Host.Directory;
        return e switch
        {
            NodeRegistered n => dir.Nodes[n.Node.Value],
            BootMemoryAdded => dir.Mhp,
            CxlWindowCreated w => dir.CxlDevices[w.Index],
            CxlRegionCreated r => dir.CxlDevices[r.Id],
            DaxRegionCreated or DaxDeviceCreated or DaxIdAdded => dir.DaxBus,
            _ => Self,
        };
    }

    private sealed record ProbeFinished(OperationOutcome Outcome);
}
