using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Workload;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// <c>device_online()</c> of memoryN: <c>memory_subsys_online()</c> → <c>memory_block_online()</c> →
/// <c>online_pages()</c>. <see cref="KernelOperation.ReturnValue"/> is 1 when the block was already online.
/// A non-null <c>onlineType</c> is first stored in <c>mem-&gt;online_type</c>, as the callers do.
/// </summary>
/// <remarks>drivers/base/core.c, drivers/base/memory.c, mm/memory_hotplug.c (v6.8 lock placement).</remarks>
public sealed class MemoryBlockOnline(BlockId block, OnlineType? onlineType) : KernelOperation
{
    private string? _blockName;
    private ZoneType _zone;
    private PageCount _vmemmap;
    private NodeId _nid = NodeId.NoNode;
    private bool _v61;
    private bool _prepare;
    private bool _noMhp;
    private bool _late;

    public override string Name => "device_online";

    /// <summary>
    /// Reached through the <c>online</c> sysfs file (<c>online_store()</c> → <c>device_online()/device_offline()</c>), the
    /// path that ran without mem_hotplug_lock before 381eab4a6ee8 (v4.20); <c>state_store()</c> took it itself.
    /// </summary>
    internal bool ViaOnlineFile { get; init; }

    public BlockId Block => block;

    public override IEnumerable<KernelStep> Steps()
    {
        var already = false;
        if (onlineType is { } requested)
        {
            // The caller sets mem->online_type under device_hotplug_lock before device_online() (state_store(),
            // online_memory_block(), try_reonline_memory_block()); it sticks even when the block is already online.
            yield return Work("mem->online_type = type", StateOwner.Block, KernelLock.DeviceHotplug, s =>
                s.Blocks.TryFind(block, out _) ? StepResult.Ok(new BlockOnlineTypeSet(block, requested)) : StepResult.Ok());
        }

        yield return Acquire(KernelLock.MemoryBlockDevice, BlockName);
        yield return Work("device_online: check dev->offline", StateOwner.Block, KernelLock.MemoryBlockDevice, s =>
        {
            if (!s.Blocks.TryFind(block, out var mem))
            {
                return StepResult.Fail(Errno.ENODEV);
            }

            if (mem.State == MemoryBlockState.Online)
            {
                already = true;
                return StepResult.Ok();
            }

            _nid = mem.Nid;
            _v61 = s.Version == Settings.KernelVersion.V6_1;
            _prepare = s.Version == Settings.KernelVersion.V6_12;
            _noMhp = ViaOnlineFile && (s.Bugs & KernelBugs.OnlinePagesWithoutMemHotplugLock) != 0;
            _late = _v61 || (s.Bugs & KernelBugs.MissingMemHotplugLock) != 0;

            // memory_subsys_online(): an unset online_type (the "online" file) means MMOP_ONLINE.
            return mem.OnlineType == OnlineType.Offline ? StepResult.Ok(new BlockOnlineTypeSet(block, OnlineType.Online)) : StepResult.Ok();
        });
        if (Last.Failed || already)
        {
            Error = Last.Error;
            ReturnValue = already ? 1 : 0;
            yield return Release(KernelLock.MemoryBlockDevice, BlockName);
            yield break;
        }

        yield return Work("memory_block_online: zone_for_pfn_range", StateOwner.Node, KernelLock.MemoryBlockDevice, s =>
        {
            var mem = s.Blocks[block];
            var group = mem.GroupId >= 0 ? s.Groups.Find(mem.GroupId) : null;
            _zone = ZoneSelection.ZoneForPfnRange(s, mem.OnlineType, mem.Nid, group, s.Blocks.StartPfnOf(block), s.Blocks.PagesPerBlock);
            _vmemmap = mem.VmemmapPages;
            return StepResult.Ok();
        });
        if (!_noMhp)
        {
            yield return Acquire(KernelLock.MemHotplug);
        }

        if (_prepare)
        {
            yield return Work("memory_block_online: MEM_PREPARE_ONLINE", StateOwner.Host, KernelLock.MemHotplug, s =>
            {
                var (pfn, nr) = NotifyRange(s);
                return StepResult.Ok(new MemoryNotified(MemoryAction.MEM_PREPARE_ONLINE, pfn, nr));
            });
        }

        yield return Work("online_pages: MEM_GOING_ONLINE", StateOwner.Host, KernelLock.MemHotplug, s =>
        {
            var (pfn, nr) = NotifyRange(s);
            var going = new MemoryNotified(MemoryAction.MEM_GOING_ONLINE, pfn, nr);
            return s.NotifierVeto(MemoryAction.MEM_GOING_ONLINE) is { } veto
                ? StepResult.Fail(veto, going, new MemoryNotified(MemoryAction.MEM_CANCEL_ONLINE, pfn, nr))
                : StepResult.Ok(going);
        });
        if (!Last.Failed)
        {
            yield return Work("online_pages: adjust_present_page_count", StateOwner.Node, KernelLock.MemHotplug, s =>
            {
                var pages = s.Blocks.PagesPerBlock - _vmemmap;
                return StepResult.Ok(new PagesOnlined(block, _zone, pages, pages));
            });
            yield return Work("online_pages: MEM_ONLINE", StateOwner.Host, KernelLock.MemHotplug, s =>
            {
                var (pfn, nr) = NotifyRange(s);
                return StepResult.Ok(new MemoryNotified(MemoryAction.MEM_ONLINE, pfn, nr));
            });
        }

        var error = Last.Error;
        if (error is not null && _prepare)
        {
            // memory_block_online()'s error path after a successful MEM_PREPARE_ONLINE.
            yield return Work("memory_block_online: MEM_FINISH_OFFLINE", StateOwner.Host, KernelLock.MemHotplug, s =>
            {
                var (pfn, nr) = NotifyRange(s);
                return StepResult.Ok(new MemoryNotified(MemoryAction.MEM_FINISH_OFFLINE, pfn, nr));
            });
        }

        if (_late && !_noMhp)
        {
            // v6.1: online_pages() takes and drops mem_hotplug_lock itself; the vmemmap accounting after it
            // runs without the lock (fixed in v6.7 by 001002e73712, moving the lock into memory_block_online()).
            yield return Release(KernelLock.MemHotplug);
        }

        if (error is null && !_vmemmap.IsZero)
        {
            yield return Work("memory_block_online: adjust_present_page_count(vmemmap)", StateOwner.Node,
                _v61 ? KernelLock.MemoryBlockDevice : KernelLock.MemHotplug, _ =>
                StepResult.Ok(new PresentPagesAdjusted(block, _zone, _vmemmap, Added: true)));
        }

        yield return Work("memory_block_online: set state", StateOwner.Block, KernelLock.MemoryBlockDevice, _ =>
            error is null
                ? StepResult.Ok(new BlockStateChanged(block, MemoryBlockState.Online, _zone), new BlockOnlineTypeSet(block, OnlineType.Offline))
                : StepResult.Ok(new BlockOnlineTypeSet(block, OnlineType.Offline)));
        Error = error;
        if (!_late && !_noMhp)
        {
            yield return Release(KernelLock.MemHotplug);
        }

        if (error is null)
        {
            // device_online() sends KOBJ_ONLINE (kobject_uevent_env(), lib/kobject_uevent.c: GFP_KERNEL) once the pages are
            // in the buddy: the kernel's first unmovable allocation after the online. In a zone without unmovable pageblocks
            // it steals one of this block's, and the page it takes makes has_unmovable_pages() refuse the block (-EBUSY).
            yield return Work("device_online: kobject_uevent(KOBJ_ONLINE)", StateOwner.Node, KernelLock.MemoryBlockDevice, s =>
                KernelZonelist.FallbackStealsFrom(s, s.Blocks[block])
                    ? StepResult.Ok(new KernelPagesAllocated(block, new PageCount(1)))
                    : StepResult.Ok());
        }

        yield return Release(KernelLock.MemoryBlockDevice, BlockName);
    }

    // "memoryN", made once per operation: every block step and the block's device_lock name it.
    private string BlockName => _blockName ??= block.ToString();

    protected override string? TargetOf(StateOwner owner) => owner switch
    {
        StateOwner.Block => BlockName,
        StateOwner.Node => _nid.ToString(),
        _ => null,
    };

    private (Pfn Start, PageCount Nr) NotifyRange(Host.HostState s) =>
        (s.Blocks.StartPfnOf(block) + _vmemmap, s.Blocks.PagesPerBlock - _vmemmap);
}
