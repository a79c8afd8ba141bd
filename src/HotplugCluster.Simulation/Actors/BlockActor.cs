using HotplugCluster.Kernel.Operations;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Locks;

namespace HotplugCluster.Simulation.Actors;

/// <summary>
/// One memory block device (memoryN): owns its slot of the block table and its <c>device_lock</c>. It holds its
/// index and the host context only (plus a lock queue while its lock is held), because a fleet has millions; its id
/// comes from its actor name ("memoryN", or "memoryN~k" for a re-added block whose old actor is still stopping).
/// </summary>
/// <remarks>drivers/base/memory.c: <c>struct memory_block</c>, created by <c>add_memory_block()</c>.</remarks>
internal sealed class BlockActor : HostPartActor
{
    private readonly uint _id;

    public BlockActor(HostContext host)
        : base(host)
    {
        var name = Self.Path.Name;
        var end = name.IndexOf('~', StringComparison.Ordinal);
        _id = HostDirectory.BlockIdOf(end < 0 ? name : name[..end])
            ?? throw new InvalidOperationException($"a block actor must be named memoryN, not '{name}'");
        AdoptPendingDeviceLock();
    }

    protected override string PersistenceId => Host.PersistenceId(HostDirectory.BlockName(_id));

    protected override LockName? DeviceLock => new LockName(KernelLock.MemoryBlockDevice, HostDirectory.BlockName(_id));
}
