using HotplugCluster.Kernel.Operations;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Locks;

namespace HotplugCluster.Simulation.Actors;

/// <summary>One dax device (daxX.Y): owns its ranges, driver binding, memmap_on_memory and kmem drvdata, and its <c>device_lock</c>.</summary>
/// <remarks>drivers/dax/bus.c <c>struct dev_dax</c>, <c>devm_create_dev_dax()</c>.</remarks>
internal sealed class DaxDeviceActor : HostPartActor
{
    private readonly string _name;

    public DaxDeviceActor(HostContext host, string name)
        : base(host)
    {
        _name = name;
        AdoptPendingDeviceLock();
    }

    protected override string PersistenceId => Host.PersistenceId(_name);

    protected override LockName? DeviceLock => new LockName(KernelLock.DaxDevice, _name);
}
