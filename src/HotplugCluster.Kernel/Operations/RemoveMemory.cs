using HotplugCluster.Kernel.Allocations;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// <c>remove_memory()</c> (takes device_hotplug_lock) or <c>__remove_memory()</c> (caller holds it):
/// <c>try_remove_memory()</c> — -EBUSY if any block is not offline, then blocks, memmaps and the resource go.
/// </summary>
/// <remarks>mm/memory_hotplug.c <c>try_remove_memory()</c> (the 6.1 and 6.8 lock orders differ).</remarks>
public sealed class RemoveMemory(PhysAddr start, ByteSize size, bool takeLock = true) : KernelOperation
{
    private readonly List<BlockId> _ids = [];
    private NodeId _nid = NodeId.NoNode;
    private bool _altmaps;
    private BlockId? _current;
    private bool _configRead;
    private bool _v61;
    private bool _unpaired;
    private bool _noDeviceHotplugLock;
    private bool _leakReference;

    public override string Name => takeLock ? "remove_memory" : "__remove_memory";

    public override IEnumerable<KernelStep> Steps()
    {
        if (takeLock)
        {
            yield return Config();
            if (!_noDeviceHotplugLock)
            {
                yield return Acquire(KernelLock.DeviceHotplug);
            }
        }

        foreach (var s in TryRemoveMemory())
        {
            yield return s;
        }

        if (takeLock && !_noDeviceHotplugLock)
        {
            yield return Release(KernelLock.DeviceHotplug);
        }
    }

    /// <summary><c>try_remove_memory()</c>.</summary>
    internal IEnumerable<KernelStep> TryRemoveMemory()
    {
        if (!_configRead)
        {
            yield return Config();
        }

        var v61 = _v61;
        var unpaired = _unpaired;
        if (unpaired)
        {
            // Before b4223a510e2a (v5.9): mem_hotplug_begin() before the check, no mem_hotplug_done() on its -EBUSY.
            yield return Acquire(KernelLock.MemHotplug);
        }

        yield return Work("check_memblock_offlined_cb", StateOwner.Block, KernelLock.DeviceHotplug, CheckOfflined);
        if (Last.Failed)
        {
            Error = Last.Error;
            yield break;
        }

        if (v61)
        {
            // v5.6-v6.7: the granularity check, then block devices go under device_hotplug_lock only,
            // before mem_hotplug_begin() (f1037ec0cc8a).
            yield return Work("get_nr_vmemmap_pages_cb", StateOwner.Block, KernelLock.DeviceHotplug, HaveAltmaps);
            if (Last.Failed)
            {
                Error = Last.Error;
                yield break;
            }

            foreach (var id in _ids)
            {
                _current = id;
                yield return RemoveBlockDevice(KernelLock.DeviceHotplug);
            }

            _current = null;

            if (!unpaired)
            {
                yield return Acquire(KernelLock.MemHotplug);
            }
        }
        else
        {
            // v6.8: block devices are removed inside mem_hotplug_lock (6b8f0798b85a).
            if (!unpaired)
            {
                yield return Acquire(KernelLock.MemHotplug);
            }
            yield return Work("memory_blocks_have_altmaps", StateOwner.Block, KernelLock.MemHotplug, HaveAltmaps);
            if (Last.Failed)
            {
                Error = Last.Error;
                yield return Release(KernelLock.MemHotplug);
                yield break;
            }
        }

        foreach (var id in _ids)
        {
            _current = id;
            if (!v61)
            {
                yield return RemoveBlockDevice(KernelLock.MemHotplug);
            }

            yield return Work("arch_remove_memory", StateOwner.Node, KernelLock.MemHotplug, static (op, s) => ((RemoveMemory)op).ArchRemove(s));
        }

        _current = null;
        yield return Work("release_mem_region_adjustable", StateOwner.Resources, KernelLock.MemHotplug, ReleaseRegion);
        yield return Work("try_offline_node", StateOwner.Node, KernelLock.MemHotplug, TryOfflineNode);
        yield return Release(KernelLock.MemHotplug);
    }

    private KernelStep Config() => Work("kernel config", StateOwner.None, KernelLock.None, s =>
    {
        _configRead = true;
        _v61 = s.Version == KernelVersion.V6_1;
        _unpaired = (s.Bugs & KernelBugs.UnpairedMemHotplugBeginOnRemove) != 0;
        _noDeviceHotplugLock = (s.Bugs & KernelBugs.AddRemoveWithoutDeviceHotplugLock) != 0;
        _leakReference = (s.Bugs & KernelBugs.MemoryBlockReferenceLeakOnRemove) != 0;
        return StepResult.Ok();
    });

    protected override string? TargetOf(StateOwner owner) => owner switch
    {
        StateOwner.Block => _current?.ToString(),
        StateOwner.Node => _nid.IsValid ? _nid.ToString() : null,
        _ => null,
    };

    /// <summary>
    /// <c>remove_memory_block_devices()</c> drops the <c>find_memory_block()</c> reference in <c>remove_memory_block()</c>;
    /// v6.8's <c>remove_memory_blocks_and_altmaps()</c> looks the block up once more for its altmap, a reference
    /// it dropped only after 93866f55f7e2 (2026).
    /// </summary>
    /// <remarks>
    /// The per-block steps (this and arch_remove_memory) are static rules over the block in <c>_current</c>, which holds the
    /// block while its steps run: a device's removal runs two per block, and a lambda over the loop's id made a closure and a
    /// delegate for each.
    /// </remarks>
    private KernelStep RemoveBlockDevice(KernelLock held) =>
        Work(_altmaps ? "remove_memory_blocks_and_altmaps" : "remove_memory_block_devices", StateOwner.Block, held, static (op, s) => ((RemoveMemory)op).UnregisterBlock(s));

    private StepResult UnregisterBlock(HostState s)
    {
        var id = _current!.Value;
        if (!s.Blocks[id].Registered)
        {
            return StepResult.Ok();
        }

        return StepResult.Ok(BlockDeviceRemoved(s, id, referenceLeaked: _altmaps && !_v61 && _leakReference));
    }

    /// <summary>
    /// The events of removing block <paramref name="id"/>'s device after <c>find_memory_block()</c> took a reference: the
    /// reference, the removal, the reference dropped unless <paramref name="referenceLeaked"/>, then what the block's
    /// unregistration frees (<see cref="HotplugCosts.BlocksUnregisteredInto"/>); one array at its final size (every block a
    /// removal takes away runs this).
    /// </summary>
    internal static KernelEvent[] BlockDeviceRemoved(HostState s, BlockId id, bool referenceLeaked)
    {
        var own = referenceLeaked ? 2 : 3;
        var events = new KernelEvent[own + HotplugCosts.BlocksUnregisteredCount(referenceLeaked)];
        events[0] = new MemoryBlockReferenceTaken(id);
        events[1] = new MemoryBlockRemoved(id);
        if (!referenceLeaked)
        {
            events[2] = new MemoryBlockReferenceDropped(id);
        }

        HotplugCosts.BlocksUnregisteredInto(s, 1, referenceLeaked, events, own);
        return events;
    }

    private StepResult ArchRemove(HostState s)
    {
        var id = _current!.Value;
        if (!s.Blocks[id].IsPresent)
        {
            return StepResult.Ok();
        }

        return HotplugCosts.SectionsRemovedStep(s, id, new SectionsRemoved(id));
    }

    private StepResult CheckOfflined(HostState s)
    {
        _ids.Clear();
        // At most a block per slot of the range: sized once, where growing by doubling to a device's thousand blocks copied it
        // eight times.
        _ids.EnsureCapacity((int)Math.Min(size.DivideBy(s.BlockSize), 1UL << 20));
        foreach (var id in s.Blocks.IdsIn(start, size))
        {
            if (!s.Blocks.TryFind(id, out var mem))
            {
                continue;
            }

            _ids.Add(id);
            _nid = mem.Nid;
            if (mem.State != MemoryBlockState.Offline)
            {
                var begin = s.Blocks.StartOf(id);
                var end = new PhysAddr(begin.Value + s.BlockSize.Bytes - 1);
                return StepResult.Fail(Errno.EBUSY, new KernelLogged(
                    $"removing memory fails, because memory [{KernelFormat.Pa(begin)}-{KernelFormat.Pa(end)}] is onlined"));
            }
        }

        return StepResult.Ok();
    }

    private StepResult HaveAltmaps(HostState s)
    {
        var with = _ids.Count(id => s.Blocks[id].HasAltmap);
        if (s.Version == KernelVersion.V6_1)
        {
            // v6.1: memory with a self-hosted memmap is removed one block at a time.
            if (with > 0 && size != s.BlockSize)
            {
                var end = start + size;
                return StepResult.Fail(Errno.EINVAL, new KernelLogged(
                    $"Refuse to remove {KernelFormat.Hex(start.Value)} - {KernelFormat.Hex(end.Value)},wrong granularity"));
            }

            _altmaps = with > 0;
            return StepResult.Ok();
        }

        if (s.Parameters.MemmapMode == MemmapOnMemoryMode.Off || with == 0)
        {
            _altmaps = false;
            return StepResult.Ok();
        }

        if (with != _ids.Count)
        {
            return StepResult.Fail(Errno.EINVAL);
        }

        _altmaps = true;
        return StepResult.Ok();
    }

    private StepResult ReleaseRegion(HostState s)
    {
        // Before e686c32590f4 (v6.3) the walk stopped at a containing resource without IORESOURCE_SYSTEM_RAM (a CXL
        // window or region above kmem's dax resource), so "System RAM (kmem)" was never released.
        if ((s.Bugs & KernelBugs.LeakOfMemoryHotplugResources) != 0 && !s.Resources.ReachableBySystemRamWalk(start, size))
        {
            return StepResult.Ok();
        }

        // release_mem_region_adjustable(): the busy System RAM resource holding the range (kmem's or ACPI's) is
        // released when it is exactly the range, trimmed when the range is at one of its ends, and split in two when
        // the range is in its middle, so a removed block can be added again on its own.
        if (s.Resources.BusySystemRamContaining(start, size) is not { } res)
        {
            return StepResult.Ok();
        }

        var end = start + size;
        var events = new List<KernelEvent> { new ResourceRemoved(res.Start, res.Size, res.Name) };
        if (res.Start < start)
        {
            events.Add(new ResourceRequested(res.Start, new ByteSize(start.Value - res.Start.Value), res.Name, res.Kind));
        }

        if (end.Value <= res.End.Value)
        {
            events.Add(new ResourceRequested(end, new ByteSize(res.End.Value - end.Value + 1), res.Name, res.Kind));
        }

        return StepResult.Ok([.. events]);
    }

    /// <summary><c>try_offline_node()</c>: a node with no present sections and no CPUs goes offline.</summary>
    private StepResult TryOfflineNode(HostState s)
    {
        if (s.Node(_nid) is not { Online: true, Cpus: 0 } node)
        {
            return StepResult.Ok();
        }

        foreach (var b in s.Blocks.Registered())
        {
            if (b.Nid == node.Id && !_ids.Contains(b.Id))
            {
                return StepResult.Ok();
            }
        }

        return StepResult.Ok(new NodeUnregistered(node.Id));
    }
}
