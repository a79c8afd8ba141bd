using HotplugCluster.Actors;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Locks;
using HotplugCluster.Simulation.Messages;

namespace HotplugCluster.Simulation.Actors;

/// <summary>
/// The dax bus: owns the dax regions and the drivers' id lists, is the parent of the kmem driver and of one actor
/// per dax device (spawned when the device is created), and forwards steps and locks of a device to its actor.
/// </summary>
/// <remarks>drivers/dax/bus.c <c>dax_bus_type</c>, <c>alloc_dax_region()</c>, <c>do_id_store()</c>.</remarks>
internal sealed class DaxBusActor(HostContext host) : HostPartActor(host)
{
    protected override string PersistenceId => Host.PersistenceId("dax");

    protected override void PreStart()
    {
        var ctx = Host;
        Host.Directory.Kmem = Context.ActorOf(Props.Create(() => new KmemDriverActor(ctx)), "kmem");
    }

    protected override IActorRef? Route(string? target) => target is null ? null : Host.Directory.DaxDevice(target);

    protected override bool ServesDetached(LockName name) => name.Lock == KernelLock.DaxDevice;

    protected override bool ReceiveOther(object message)
    {
        if (message is not SpawnDaxDevice spawn)
        {
            return false;
        }

        var name = spawn.Name;
        if (Host.State.Dax.Find(name) is not null && Host.Directory.DaxDevice(name) is null)
        {
            var ctx = Host;
            if (TakeDetached(new LockName(KernelLock.DaxDevice, name)) is { } held)
            {
                Host.Directory.PendingDeviceLocks.Add(held);
            }

            var child = Context.ActorOf(Props.Create(() => new DaxDeviceActor(ctx, name)), Context.Child(name) is null ? name : null);
            Host.Directory.SetDaxDevice(name, child);
        }

        return true;
    }
}
