using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Workload;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Kernel.Operations;

public sealed partial class AddMemory
{
    /// <summary>The altmap branch or the plain branch of add_memory_resource(), with rollback.</summary>
    private IEnumerable<KernelStep> AddBlocks()
    {
        var mode = AltmapMode.None;
        yield return Work("mhp_supports_memmap_on_memory", StateOwner.Host, KernelLock.MemHotplug, s =>
        {
            var asked = (_r.Flags & Mhp.MemmapOnMemory) != 0;
            if (s.Version == KernelVersion.V6_1)
            {
                // v6.1: the flag is a demand; an unsupported request fails.
                if (asked && !MemmapOnMemory.Supports(s, _r.Size))
                {
                    return StepResult.Fail(Errno.EINVAL);
                }

                mode = asked ? AltmapMode.WholeRange : AltmapMode.None;
                return StepResult.Ok();
            }

            mode = asked && MemmapOnMemory.Supports(s, s.BlockSize) ? AltmapMode.PerBlock : AltmapMode.None;
            return StepResult.Ok();
        });
        if (Last.Failed)
        {
            Error = Last.Error;
            yield break;
        }

        var ids = new List<BlockId>();
        yield return Work("walk range", StateOwner.None, KernelLock.MemHotplug, s =>
        {
            ids.AddRange(s.Blocks.IdsIn(_r.Start, _r.Size));
            return StepResult.Ok();
        });

        var k = 0;
        foreach (var id in ids)
        {
            var index = k;
            _current = id;
            yield return Work(mode == AltmapMode.None ? "arch_add_memory: __add_pages" : "create_altmaps_and_memory_blocks: arch_add_memory",
                StateOwner.Block, KernelLock.MemHotplug, s => ArchAdd(s, id, mode, index));
            if (Last.Failed)
            {
                break;
            }

            _added.Add(id);
            k++;
            if (mode == AltmapMode.PerBlock)
            {
                yield return Work("create_memory_block_devices", StateOwner.Block, KernelLock.MemHotplug, _ =>
                    StepResult.Ok(new MemoryBlockCreated(id, _nid, _mgid)));
            }
        }

        _current = null;
        if (Last.Failed)
        {
            Error = Last.Error;
            foreach (var s in Rollback(mode))
            {
                yield return s;
            }

            yield break;
        }

        if (mode != AltmapMode.PerBlock)
        {
            yield return Work("create_memory_block_devices", StateOwner.Block, KernelLock.MemHotplug, _ =>
                StepResult.Ok(_added.Select(id => (KernelEvent)new MemoryBlockCreated(id, _nid, _mgid))));
        }
    }

    private StepResult ArchAdd(HostState s, BlockId id, AltmapMode mode, int index)
    {
        if (_r.FailAtBlock == index)
        {
            return StepResult.Fail(Errno.ENOMEM);
        }

        var pages = MemmapPages(s);
        if (mode == AltmapMode.PerBlock)
        {
            return StepResult.Ok(new SectionsAdded(id, _nid, MemmapSource.Altmap, _nid, ZoneType.None, id, MemmapOnMemory.MemmapPagesPerBlock(s)));
        }

        if (mode == AltmapMode.WholeRange)
        {
            return StepResult.Ok(new SectionsAdded(id, _nid, MemmapSource.Altmap, _nid, ZoneType.None, id, pages));
        }

        // vmemmap_populate() → alloc_pages_node(nid, GFP_KERNEL): the nearest kernel zone with room.
        if (PagePlacement.KernelAllocation(s, _nid, pages) is not { } where)
        {
            return StepResult.Fail(Errno.ENOMEM);
        }

        return StepResult.Ok(new SectionsAdded(id, _nid, MemmapSource.Node, where.Node, where.Zone, where.Block, pages));
    }

    /// <summary><c>remove_memory_blocks_and_altmaps()</c> / <c>arch_remove_memory()</c> of what was added.</summary>
    private IEnumerable<KernelStep> Rollback(AltmapMode mode)
    {
        foreach (var id in _added.AsEnumerable().Reverse())
        {
            _current = id;
            yield return Work("rollback: remove block", StateOwner.Block, KernelLock.MemHotplug, s =>
                s.Blocks[id].Registered && mode == AltmapMode.PerBlock
                    ? StepResult.Ok(new MemoryBlockRemoved(id), new SectionsRemoved(id))
                    : StepResult.Ok(new SectionsRemoved(id)));
        }

        _added.Clear();
        _current = null;
    }

    private enum AltmapMode
    {
        None = 0,
        PerBlock = 1,
        WholeRange = 2,
    }
}
