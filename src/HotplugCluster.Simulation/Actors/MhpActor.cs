using HotplugCluster.Actors;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Simulation.Hosts;
using HotplugCluster.Simulation.Locks;
using HotplugCluster.Simulation.Messages;

namespace HotplugCluster.Simulation.Actors;

/// <summary>
/// The memory-hotplug core: owns the iomem resource tree and the memory groups, runs the range-wide block steps
/// (<c>walk_memory_blocks()</c>, creating block devices that have no actor yet), and is the parent of the block
/// actors, which it spawns when a block device is registered. Steps and locks of a block that has an actor are
/// forwarded to it.
/// </summary>
/// <remarks>mm/memory_hotplug.c, drivers/base/memory.c <c>create_memory_block_devices()</c>, kernel/resource.c.</remarks>
internal sealed class MhpActor(HostContext host) : HostPartActor(host)
{
    protected override string PersistenceId => Host.PersistenceId("mhp");

    protected override IActorRef? Route(string? target) =>
        HostDirectory.BlockIdOf(target) is { } id ? Host.Directory.Block(id) : null;

    protected override bool ServesDetached(LockName name) => name.Lock == KernelLock.MemoryBlockDevice;

    protected override bool ReceiveOther(object message)
    {
        if (message is not SpawnBlock spawn)
        {
            return false;
        }

        // The device may have gone again (a rollback) or have an actor already (a re-add raced the spawn).
        var id = spawn.Id;
        if (Host.State.Blocks[new BlockId(id)].Registered && Host.Directory.Block(id) is null)
        {
            var name = HostDirectory.BlockName(id);
            var ctx = Host;
            var held = TakeDetached(new LockName(KernelLock.MemoryBlockDevice, name));
            var child = Context.ActorOf(Props.Create(() => new BlockActor(ctx, id, held)), Context.Child(name) is null ? name : null);
            Host.Directory.SetBlock(id, child);
        }

        return true;
    }
}
