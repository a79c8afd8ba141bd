using HotplugCluster.Kernel.Operations;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Locks;

namespace HotplugCluster.Simulation.Actors;

/// <summary>
/// One memory block device (memoryN): owns its slot of the block table and its <c>device_lock</c>. It holds its
/// index and the host context only (plus a lock queue while its lock is held), because a fleet has millions.
/// </summary>
/// <remarks>drivers/base/memory.c: <c>struct memory_block</c>, created by <c>add_memory_block()</c>.</remarks>
internal sealed class BlockActor(HostContext host, uint id, LockQueue? deviceLock = null) : HostPartActor(host, deviceLock)
{
    protected override string PersistenceId => Host.PersistenceId(HostDirectory.BlockName(id));

    protected override LockName? DeviceLock => new LockName(KernelLock.MemoryBlockDevice, HostDirectory.BlockName(id));
}
