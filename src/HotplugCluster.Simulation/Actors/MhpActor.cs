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
    // One Props for every block of the host: a block actor reads its id from its name, so no per-block closure is kept.
    private readonly Props _blockProps = host.Protocol.CreateBlockActorsOnFirstMessage
        ? Props.Create(() => new BlockActor(host)).WithCreationOnFirstMessage()
        : Props.Create(() => new BlockActor(host));
    private long _respawns;

    // Its children are block actors named memoryN (thousands on a fleet host): indexed by N, not by a name table entry
    // apiece. Static, so no host keeps a delegate of its own.
    private static readonly Func<string, int> s_blockSlot = HostDirectory.BlockSlotOf;

    protected override void OnStarted() => Context.IndexChildrenBySlot(s_blockSlot);

    public override string PersistenceId => Host.PersistenceId("mhp");

    protected override IActorRef? Route(string? target) =>
        HostDirectory.BlockIdOf(target) is { } id ? Host.Directory.Block(id) ?? SpawnDeferred(id) : null;

    protected override bool ServesDetached(LockName name) => name.Lock == KernelLock.MemoryBlockDevice;

    protected override bool ReceiveOther(object message)
    {
        switch (message)
        {
            case SpawnBlock spawn:
                Spawn(spawn.Id, restoring: false);
                return true;
            case SpawnBlocks spawn when Host.Protocol.CreateBlockActorsOnFirstMessage:
                // A restored host's blocks get their actors when something is routed to them (SpawnDeferred).
                Host.Directory.DeferBlocks(spawn.Ids);
                return true;
            case SpawnBlocks spawn:
                foreach (var id in spawn.Ids)
                {
                    Spawn(id, restoring: true);
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// The actor of a restored block whose spawn was deferred, spawned now that a step or lock request is routed to it (it
    /// is forwarded there in the same delivery), or null when the block has none to come.
    /// </summary>
    private IActorRef? SpawnDeferred(uint id)
    {
        if (!Host.Directory.TakeDeferred(id))
        {
            return null;
        }

        Spawn(id, restoring: true);
        return Host.Directory.Block(id);
    }

    /// <summary>Spawns block <paramref name="id"/>'s actor; <paramref name="restoring"/>: a restored host's first spawns (no earlier actor can hold the name).</summary>
    private void Spawn(uint id, bool restoring)
    {
        // The device may have gone again (a rollback) or have an actor already (a re-add raced the spawn).
        if (Host.State.Blocks[new BlockId(id)].Registered && Host.Directory.Block(id) is null)
        {
            var name = HostDirectory.BlockName(id);
            if (TakeDetached(new LockName(KernelLock.MemoryBlockDevice, name)) is { } held)
            {
                Host.Directory.PendingDeviceLocks.Add(held);
            }

            // The previous actor of a re-added block may still be draining its mailbox under the same name.
            var child = Context.ActorOf(_blockProps, restoring || Context.Child(name) is null ? name : $"{name}~{++_respawns}");
            Host.Directory.SetBlock(id, child);
        }
    }
}
