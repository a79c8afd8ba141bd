using HotplugCluster.Kernel.Allocations;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Faults;
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
        Errno? failed = null;
        foreach (var id in ids)
        {
            var index = k;
            _current = id;
            yield return Work(mode == AltmapMode.None ? "arch_add_memory: __add_pages" : "create_altmaps_and_memory_blocks: arch_add_memory",
                StateOwner.Block, KernelLock.MemHotplug, s => ArchAdd(s, id, mode, index));
            if (Last.Failed)
            {
                failed = Last.Error;
                break;
            }

            _added.Add(id);
            k++;
            if (mode == AltmapMode.PerBlock)
            {
                yield return Work("create_memory_block_devices", StateOwner.Block, KernelLock.MemHotplug, s =>
                    s.Faults.AddFailure is { } f && f.StrikesAt(index, AddFailurePoint.CreateMemoryBlockDevices)
                        ? StepResult.Fail(Errno.ENOMEM)
                        : Registered(s, [id]));
                if (Last.Failed)
                {
                    // create_altmaps_and_memory_blocks(): arch_remove_memory() of the block just added, with its altmap
                    // since Muchun Song's 2026 error-path fix, with NULL before it.
                    failed = Last.Error;
                    _added.Remove(id);
                    yield return Work("arch_remove_memory", StateOwner.Block, KernelLock.MemHotplug, s =>
                        ArchRemove(s, id, (s.Bugs & KernelBugs.IncorrectAltmapPassingInErrorPath) != 0));
                    break;
                }

                foreach (var s in ProbeUnderDeviceLock([id]))
                {
                    yield return s;
                }
            }
        }

        _current = null;
        if (failed is null && mode != AltmapMode.PerBlock)
        {
            // create_memory_block_devices() registers block by block and unregisters what it made on failure.
            yield return Work("create_memory_block_devices", StateOwner.Block, KernelLock.MemHotplug, s =>
                s.Faults.AddFailure is { } f && f.Point == AddFailurePoint.CreateMemoryBlockDevices && f.AtBlock < _added.Count
                    ? StepResult.Fail(Errno.ENOMEM)
                    : Registered(s, _added));
            failed = Last.Error;
            if (failed is null)
            {
                foreach (var s in ProbeUnderDeviceLock([.. _added]))
                {
                    yield return s;
                }
            }
        }

        if (failed is not null)
        {
            Error = failed;
            foreach (var s in Rollback(mode))
            {
                yield return s;
            }
        }
    }

    /// <summary>
    /// <c>concurrent-memory-hot-add-deadlock</c> only: <c>device_register()</c> → <c>bus_probe_device()</c> takes
    /// <c>device_lock(memoryN)</c> of each new block while add_memory() holds mem_hotplug_lock (without
    /// device_hotplug_lock, before 30467e0b3be).
    /// </summary>
    private IEnumerable<KernelStep> ProbeUnderDeviceLock(IReadOnlyList<BlockId> ids)
    {
        if (!_probeUnderDeviceLock)
        {
            yield break;
        }

        foreach (var id in ids)
        {
            _current = id;
            yield return Acquire(KernelLock.MemoryBlockDevice, id.ToString());
            yield return Work("device_add: bus_probe_device", StateOwner.Block, KernelLock.MemoryBlockDevice, _ => StepResult.Ok());
            yield return Release(KernelLock.MemoryBlockDevice, id.ToString());
        }

        _current = null;
    }

    private StepResult ArchAdd(HostState s, BlockId id, AltmapMode mode, int index)
    {
        if (_r.FailAtBlock == index || (s.Faults.AddFailure is { } f && f.StrikesAt(index, AddFailurePoint.ArchAddMemory)))
        {
            return StepResult.Fail(Errno.ENOMEM);
        }

        var pages = MemmapPages(s);
        if (mode == AltmapMode.PerBlock)
        {
            return WithCosts(s, new SectionsAdded(id, _nid, MemmapSource.Altmap, _nid, ZoneType.None, id, MemmapOnMemory.MemmapPagesPerBlock(s)));
        }

        if (mode == AltmapMode.WholeRange)
        {
            return WithCosts(s, new SectionsAdded(id, _nid, MemmapSource.Altmap, _nid, ZoneType.None, id, pages));
        }

        // vmemmap_populate() → alloc_pages_node(nid, GFP_KERNEL): the nearest kernel zone with room.
        if (PagePlacement.KernelAllocation(s, _nid, pages) is not { } where)
        {
            return StepResult.Fail(Errno.ENOMEM);
        }

        return WithCosts(s, new SectionsAdded(id, _nid, MemmapSource.Node, where.Node, where.Zone, where.Block, pages), (where.Block, pages));
    }

    // The section usage maps and page-table pages arch_add_memory() allocates with the block's sections.
    private StepResult WithCosts(HostState s, SectionsAdded added, (BlockId, PageCount)? memmap = null) =>
        HotplugCosts.SectionsAdded(s, added.Block, _nid, memmap) is { } costs
            ? StepResult.Ok([added, .. costs])
            : StepResult.Fail(Errno.ENOMEM);

    // create_memory_block_devices(): each block's struct memory_block and sysfs nodes with it.
    private StepResult Registered(HostState s, List<BlockId> ids) =>
        HotplugCosts.BlocksRegistered(s, ids.Count) is { } costs
            ? StepResult.Ok([.. ids.Select(id => (KernelEvent)new MemoryBlockCreated(id, _nid, _mgid)), .. costs])
            : StepResult.Fail(Errno.ENOMEM);

    /// <summary>
    /// <c>remove_memory_blocks_and_altmaps()</c> (per-block altmaps) or <c>arch_remove_memory(start, size, …)</c> of what
    /// was added. Pre-v6.8 passed NULL for the altmap here until f42ce5f087eb (v6.7).
    /// </summary>
    private IEnumerable<KernelStep> Rollback(AltmapMode mode)
    {
        foreach (var id in _added.AsEnumerable().Reverse())
        {
            _current = id;
            yield return Work("rollback: remove block", StateOwner.Block, KernelLock.MemHotplug, s =>
            {
                if (mode == AltmapMode.PerBlock && s.Blocks[id].Registered)
                {
                    // remove_memory_blocks_and_altmaps(): find_memory_block() for the altmap; the reference leaked
                    // until 93866f55f7e2.
                    var removed = RemoveMemory.BlockDeviceRemoved(s, id, referenceLeaked: (s.Bugs & KernelBugs.MemoryBlockReferenceLeakOnRemove) != 0);
                    return StepResult.Ok([.. removed, new SectionsRemoved(id), .. HotplugCosts.SectionsRemoved(s, id)]);
                }

                return ArchRemove(s, id, mode == AltmapMode.WholeRange && (s.Bugs & KernelBugs.AddMemoryResourceErrorPathWithoutAltmap) != 0);
            });
        }

        _added.Clear();
        _current = null;
    }

    /// <summary>
    /// <c>arch_remove_memory()</c> of one block; <paramref name="withoutAltmap"/>: called with a NULL altmap, so the
    /// block's self-hosted vmemmap pages are freed with <c>free_pages()</c> into the buddy (f42ce5f087eb and Muchun
    /// Song's 2026 error-path fix removed it).
    /// </summary>
    private static StepResult ArchRemove(HostState s, BlockId id, bool withoutAltmap)
    {
        var b = s.Blocks[id];
        var costs = HotplugCosts.SectionsRemoved(s, id);
        return withoutAltmap && b.HasAltmap
            ? StepResult.Ok([new SectionsRemoved(id), new VmemmapFreedWithoutAltmap(id, b.VmemmapPages), .. costs])
            : StepResult.Ok([new SectionsRemoved(id), .. costs]);
    }

    private enum AltmapMode
    {
        None = 0,
        PerBlock = 1,
        WholeRange = 2,
    }
}
