using HotplugCluster.Kernel.Allocations;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Workload;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// <c>device_offline()</c> of memoryN: <c>memory_subsys_offline()</c> → <c>memory_block_offline()</c> →
/// <c>offline_pages()</c>. Fails with -EINVAL (no single zone), -EBUSY (unmovable pages), a notifier errno,
/// or -EINTR once a signal arrives while migration keeps failing (pinned pages, no room elsewhere).
/// </summary>
/// <remarks>
/// drivers/base/memory.c <c>memory_block_offline()</c>, mm/memory_hotplug.c <c>offline_pages()</c>.
/// <c>signalAfterAttempts</c>: migration passes before a signal arrives (the user's timeout); null: never.
/// </remarks>
public sealed class MemoryBlockOffline(BlockId block, int? signalAfterAttempts = null) : SelfWalkingOperation
{
    // alloc_migration_target()'s zones, highest first.
    private static readonly ZoneType[] MigrationZones = [ZoneType.Movable, ZoneType.Normal, ZoneType.Dma32];

    // The fields a pass reads, as small as they go: a fleet host runs a thousand of these operations (one per "offline"
    // write), and this object was ~7% of what a host allocated. The block's name is BlockId's cached string, not a field.
    private ZoneType _zone;
    private PageCount _vmemmap;
    private int _attempts;
    private NodeId _nid = NodeId.NoNode;
    // The pass at which a signal arrives: the caller's timeout, and the fault plan's (int.MaxValue: never; a pass count
    // never gets there).
    private readonly int _signalAfter = signalAfterAttempts ?? int.MaxValue;
    private int _signalAt = int.MaxValue;
    // The kernel configuration CheckOffline reads, and the pass state, as bits of one byte (eight bools were eight bytes).
    private Flags _flags;
    // Where the walk of the steps resumes.
    private Pc _pc;
    // The boxed errno the revert step sets as the operation's (the failed step's own box, handed on without a copy).
    private object? _revertError;

    public override string Name => "device_offline";

    /// <summary>
    /// Reached through the <c>online</c> sysfs file (<c>online_store()</c> → <c>device_online()/device_offline()</c>), the
    /// path that ran without mem_hotplug_lock before 381eab4a6ee8 (v4.20); <c>state_store()</c> took it itself.
    /// </summary>
    internal bool ViaOnlineFile { get => Has(Flags.ViaOnlineFile); init => Set(Flags.ViaOnlineFile, value); }

    private enum Pc : byte
    {
        Start = 0,
        Check,
        Checked,
        Unaccount,
        LockLate,
        Walk,
        Isolate,
        GoingOffline,
        Migrate,
        Migrated,
        AccountBack,
        Revert,
        UnlockAfterRevert,
        NotifyOffline,
        UnlockLate,
        ClearZone,
        FinishOffline,
        UnlockEarly,
        UnlockDevice,
        Done,
    }

    [Flags]
    private enum Flags : byte
    {
        None = 0,
        V61 = 1,
        Finish = 2,
        NoMhp = 4,
        Late = 8,
        NoDrain = 16,
        PcpHeld = 32,
        Already = 64,
        ViaOnlineFile = 128,
    }

    private bool V61 => Has(Flags.V61);

    // v6.9+: MEM_FINISH_OFFLINE once the altmap is torn down.
    private bool Finish => Has(Flags.Finish);

    private bool NoMhp => Has(Flags.NoMhp);

    private bool Late => Has(Flags.Late);

    private bool Already => Has(Flags.Already);

    private bool Has(Flags flag) => (_flags & flag) != 0;

    private void Set(Flags flag, bool on) => _flags = on ? _flags | flag : _flags & ~flag;

    protected override void EndWalk() => _pc = Pc.Done;

    // Every rule is a static lambda over this operation (KernelOperation.Work's rule form): a fleet offlines a thousand
    // blocks per host, and a lambda over `this` made a delegate per step. The operation walks its own steps (no compiler
    // iterator object per offline): each case below is the code between two yields, named for where it resumes, and runs
    // when the executor asks for the next step, after the previous one ran (so Last is that step's result).
    protected override bool Walk()
    {
        switch (_pc)
        {
            case Pc.Start:
                return Yield(Acquire(KernelLock.MemoryBlockDevice, BlockName), Pc.Check);
            case Pc.Check:
                return Yield(Work("device_offline: check dev->offline", StateOwner.Block, KernelLock.MemoryBlockDevice, static (op, s) => ((MemoryBlockOffline)op).CheckOffline(s)), Pc.Checked);
            case Pc.Checked:
                if (Last.Failed || Already)
                {
                    Error = Last.Error;
                    ReturnValue = Already ? 1 : 0;
                    return Yield(Release(KernelLock.MemoryBlockDevice, BlockName), Pc.Done);
                }

                // memory_block_offline(): a block spanning zones or nodes (mem->zone == NULL) cannot go offline.
                if (_zone == ZoneType.None)
                {
                    _revertError = Errno.EINVAL;
                    return Yield(Revert(), Pc.UnlockDevice);
                }

                // memory_block_offline(): "Unaccount before offlining" the vmemmap pages; v6.1 does it before
                // offline_pages() takes mem_hotplug_lock, v6.8 under it.
                if (!Late && !NoMhp)
                {
                    return Yield(Acquire(KernelLock.MemHotplug), Pc.Unaccount);
                }

                goto case Pc.Unaccount;
            case Pc.Unaccount:
                if (!_vmemmap.IsZero)
                {
                    return Yield(Work("memory_block_offline: adjust_present_page_count(-vmemmap)", StateOwner.Node,
                        V61 ? KernelLock.MemoryBlockDevice : KernelLock.MemHotplug, static (op, _) => ((MemoryBlockOffline)op).AdjustVmemmap(added: false)), Pc.LockLate);
                }

                goto case Pc.LockLate;
            case Pc.LockLate:
                if (Late && !NoMhp)
                {
                    return Yield(Acquire(KernelLock.MemHotplug), Pc.Walk);
                }

                goto case Pc.Walk;
            case Pc.Walk:
                // offline_pages(): a range with memory holes is refused before anything is isolated ("memory holes"), so a
                // block that firmware did not report as RAM throughout never goes offline.
                return Yield(Work("offline_pages: walk_system_ram_range", StateOwner.Resources, KernelLock.MemHotplug, static (op, s) => ((MemoryBlockOffline)op).WalkSystemRam(s)), Pc.Isolate);
            case Pc.Isolate:
                if (!Last.Failed)
                {
                    return Yield(Work("offline_pages: start_isolate_page_range", StateOwner.Block, KernelLock.MemHotplug, static (op, s) => ((MemoryBlockOffline)op).Isolate(s)), Pc.GoingOffline);
                }

                goto case Pc.GoingOffline;
            case Pc.GoingOffline:
                if (!Last.Failed)
                {
                    return Yield(Work("offline_pages: MEM_GOING_OFFLINE", StateOwner.Host, KernelLock.MemHotplug, static (op, s) => ((MemoryBlockOffline)op).GoingOffline(s)), Pc.Migrate);
                }

                goto case Pc.Migrate;
            case Pc.Migrate:
                if (!Last.Failed)
                {
                    return Yield(Work("offline_pages: do_migrate_range", StateOwner.Block, KernelLock.MemHotplug, static (op, s) => ((MemoryBlockOffline)op).Migrate(s)), Pc.Migrated);
                }

                goto case Pc.Migrated;
            case Pc.Migrated:
                if (Last.Failed)
                {
                    // The failed step's boxed errno, which the revert step sets as the operation's.
                    _revertError = Last.Boxed;
                    if (Late && !NoMhp)
                    {
                        return Yield(Release(KernelLock.MemHotplug), Pc.AccountBack);
                    }

                    goto case Pc.AccountBack;
                }

                return Yield(Work("offline_pages: adjust_present_page_count", StateOwner.Node, KernelLock.MemHotplug, static (op, s) => ((MemoryBlockOffline)op).Offlined(s)), Pc.NotifyOffline);
            case Pc.AccountBack:
                if (!_vmemmap.IsZero)
                {
                    return Yield(Work("memory_block_offline: account back", StateOwner.Node,
                        V61 ? KernelLock.MemoryBlockDevice : KernelLock.MemHotplug, static (op, _) => ((MemoryBlockOffline)op).AdjustVmemmap(added: true)), Pc.Revert);
                }

                goto case Pc.Revert;
            case Pc.Revert:
                return Yield(Revert(), Pc.UnlockAfterRevert);
            case Pc.UnlockAfterRevert:
                if (!Late && !NoMhp)
                {
                    return Yield(Release(KernelLock.MemHotplug), Pc.UnlockDevice);
                }

                goto case Pc.UnlockDevice;
            case Pc.NotifyOffline:
                return Yield(Work("offline_pages: MEM_OFFLINE", StateOwner.Host, KernelLock.MemHotplug, static (op, s) => ((MemoryBlockOffline)op).Notify(s, MemoryAction.MEM_OFFLINE)), Pc.UnlockLate);
            case Pc.UnlockLate:
                if (Late && !NoMhp)
                {
                    return Yield(Release(KernelLock.MemHotplug), Pc.ClearZone);
                }

                goto case Pc.ClearZone;
            case Pc.ClearZone:
                return Yield(Work("memory_block_offline: mem->zone = NULL", StateOwner.Block, KernelLock.MemoryBlockDevice, static (op, _) => ((MemoryBlockOffline)op).ZoneCleared()), Pc.FinishOffline);
            case Pc.FinishOffline:
                if (Finish)
                {
                    // v6.9+: once the altmap is torn down, still under mem_hotplug_lock (drivers/base/memory.c).
                    return Yield(Work("memory_block_offline: MEM_FINISH_OFFLINE", StateOwner.Host, KernelLock.MemHotplug, static (op, s) => ((MemoryBlockOffline)op).Notify(s, MemoryAction.MEM_FINISH_OFFLINE)), Pc.UnlockEarly);
                }

                goto case Pc.UnlockEarly;
            case Pc.UnlockEarly:
                if (!Late && !NoMhp)
                {
                    return Yield(Release(KernelLock.MemHotplug), Pc.UnlockDevice);
                }

                goto case Pc.UnlockDevice;
            case Pc.UnlockDevice:
                return Yield(Release(KernelLock.MemoryBlockDevice, BlockName), Pc.Done);
            default:
                return false;
        }
    }

    private bool Yield(KernelStep step, Pc next)
    {
        _pc = next;
        return Yield(step);
    }

    private StepResult CheckOffline(HostState s)
    {
        if (!s.Blocks.TryFind(block, out var mem))
        {
            return StepResult.Fail(Errno.ENODEV);
        }

        if (mem.State == MemoryBlockState.Offline)
        {
            Set(Flags.Already, true);
            return StepResult.Ok();
        }

        if (mem.State != MemoryBlockState.Online)
        {
            return StepResult.Fail(Errno.EINVAL);
        }

        _zone = mem.Zone;
        _vmemmap = mem.VmemmapPages;
        _nid = mem.Nid;
        Set(Flags.V61, s.Version == Settings.KernelVersion.V6_1);
        Set(Flags.Finish, s.Version == Settings.KernelVersion.V6_12);
        Set(Flags.NoMhp, ViaOnlineFile && (s.Bugs & KernelBugs.OnlinePagesWithoutMemHotplugLock) != 0);
        Set(Flags.Late, V61 || (s.Bugs & KernelBugs.MissingMemHotplugLock) != 0);
        Set(Flags.NoDrain, (s.Bugs & KernelBugs.NoPcpDrainDuringMemoryOffline) != 0);
        _signalAt = s.Faults.SignalAtOfflinePass ?? int.MaxValue;
        Set(Flags.PcpHeld, s.Faults.PcplistPagesDuringOffline > 0);
        return StepResult.Ok(new BlockStateChanged(block, MemoryBlockState.GoingOffline, mem.Zone));
    }

    private StepResult AdjustVmemmap(bool added) => StepResult.Ok(new PresentPagesAdjusted(block, _zone, _vmemmap, added));

    private StepResult WalkSystemRam(HostState s)
    {
        var start = s.Blocks.StartOf(block) + _vmemmap.ToBytes();
        var pages = s.Blocks.PagesPerBlock - _vmemmap;
        return s.Resources.SystemRamPages(start, pages.ToBytes()) == pages ? StepResult.Ok() : StepResult.Fail(Errno.EINVAL);
    }

    private StepResult Isolate(HostState s) => s.Blocks[block].HasUnmovablePages ? StepResult.Fail(Errno.EBUSY) : StepResult.Ok();

    private StepResult GoingOffline(HostState s)
    {
        var (pfn, nr) = NotifyRange(s);
        var going = new MemoryNotified(MemoryAction.MEM_GOING_OFFLINE, pfn, nr);
        // SLUB's notifier discards every cache's empty slabs (slab_mem_going_offline_callback(), mm/slub.c).
        return s.NotifierVeto(MemoryAction.MEM_GOING_OFFLINE) is { } veto
            ? StepResult.Fail(veto, going, new MemoryNotified(MemoryAction.MEM_CANCEL_OFFLINE, pfn, nr))
            : HotplugCosts.ShrinkStep(s, going);
    }

    private StepResult Offlined(HostState s)
    {
        var pages = s.Blocks.PagesPerBlock - _vmemmap;
        return StepResult.Ok(new PagesOfflined(block, _zone, pages, pages));
    }

    private StepResult ZoneCleared() => StepResult.Ok(new BlockStateChanged(block, MemoryBlockState.Offline, ZoneType.None));

    private StepResult Notify(HostState s, MemoryAction action)
    {
        var (pfn, nr) = NotifyRange(s);
        return StepResult.Ok(new MemoryNotified(action, pfn, nr));
    }

    // "memoryN" (BlockId's cached string): every block step and the block's device_lock name it.
    private string BlockName => block.ToString();

    protected override string? TargetOf(StateOwner owner) => owner switch
    {
        StateOwner.Block => BlockName,
        StateOwner.Node => _nid.ToString(),
        _ => null,
    };

    private KernelStep Revert() =>
        Work("memory_block_change_state: revert", StateOwner.Block, KernelLock.MemoryBlockDevice, static (op, _) => ((MemoryBlockOffline)op).Reverted());

    private StepResult Reverted()
    {
        Error = (Errno)_revertError!;
        return StepResult.Ok(new BlockStateChanged(block, MemoryBlockState.Online, _zone));
    }

    /// <summary>One pass of the offline_pages() retry loop: signal check, then migrate movable pages elsewhere.</summary>
    private StepResult Migrate(HostState s)
    {
        // signal_pending(current): the caller's timeout, a signal the run's fault plan sends at this pass, or one another
        // task sent to this one (a stress lane's `signal`).
        if (_attempts >= _signalAfter || _attempts >= _signalAt || s.Signals.PendingForRunning)
        {
            var (pfn, nr) = NotifyRange(s);
            return StepResult.Fail(Errno.EINTR, new MemoryNotified(MemoryAction.MEM_CANCEL_OFFLINE, pfn, nr));
        }

        _attempts++;
        var mem = s.Blocks[block];
        // The pages freed here and allocated on the targets: with one target (most passes) the two events are held without an
        // array (KernelEvent[] per pass was ~1.5% of what a fleet host allocated).
        KernelEvent? freed = null;
        KernelEvent? allocated = null;
        KernelEvent[]? events = null;
        if (mem.MovablePages > 0)
        {
            var moves = MigrationTargets(s, mem, new PageCount(mem.MovablePages));
            if (moves is null)
            {
                return StepResult.Again();
            }

            freed = new PagesFreed(block, PageKind.Movable, new PageCount(mem.MovablePages));
            if (moves.Count == 1)
            {
                allocated = new PagesAllocated(moves[0].Block, PageKind.Movable, moves[0].Pages);
            }
            else
            {
                events = new KernelEvent[moves.Count + 1];
                events[0] = freed;
                for (var i = 0; i < moves.Count; i++)
                {
                    events[i + 1] = new PagesAllocated(moves[i].Block, PageKind.Movable, moves[i].Pages);
                }
            }
        }

        if (mem.PinnedPages > 0)
        {
            return Moved(again: true, freed, allocated, events);
        }

        if (Has(Flags.PcpHeld))
        {
            // test_pages_isolated() fails: a page freed during isolation sits on a per-cpu list, free but not in
            // the buddy. Since 9683182612214 (v5.9) the loop calls drain_all_pages(zone) and retries; before it,
            // nothing moved the page and the loop spun until a signal.
            Set(Flags.PcpHeld, Has(Flags.NoDrain));
            return Moved(again: true, freed, allocated, events);
        }

        return Moved(again: false, freed, allocated, events);
    }

    // A pass's result: no events, the freed pages and their one target, or all of them in an array.
    private static StepResult Moved(bool again, KernelEvent? freed, KernelEvent? allocated, KernelEvent[]? events) =>
        events is not null ? (again ? StepResult.Again(events) : StepResult.Ok(events))
        : freed is not null ? (again ? StepResult.Again(freed, allocated!) : StepResult.Ok(freed, allocated!))
        : again ? StepResult.Again() : StepResult.Ok();

    /// <summary>
    /// Where <c>alloc_migration_target()</c> puts the pages: other N_MEMORY nodes first, highest zone first. The targets are
    /// in the thread's scratch list (HostState.MigrationScratch) (read them before the step returns), or null when no node has room.
    /// </summary>
    private List<(BlockId Block, PageCount Pages)>? MigrationTargets(HostState s, MemoryBlock mem, PageCount pages)
    {
        // Loops, not LINQ: every offlined block with movable pages runs this. The node filter reads no state that a
        // target search changes, so testing each node as it comes equals filtering the list first.
        var anyOther = false;
        foreach (var node in s.NodesByDistance(mem.Nid))
        {
            if (node != mem.Nid && s.Nodes[node.Value].HasMemory)
            {
                anyOther = true;
                if (TargetsOn(s, node, pages))
                {
                    return HostState.MigrationScratch;
                }
            }
        }

        return !anyOther && TargetsOn(s, mem.Nid, pages) ? HostState.MigrationScratch : null;
    }

    // Blocks of one node's zones (highest first) that cover the pages without the block going offline. A spread that
    // covers them sums to exactly the pages, each block taking some, so it leaves this block out exactly when it
    // does not name it.
    private bool TargetsOn(HostState s, NodeId node, PageCount pages)
    {
        foreach (var zone in MigrationZones)
        {
            if (PagePlacement.SpreadInto(s, node, zone, pages, HostState.MigrationScratch) && !Names(HostState.MigrationScratch, block))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Names(List<(BlockId Block, PageCount Pages)> spread, BlockId block)
    {
        foreach (var t in spread)
        {
            if (t.Block == block)
            {
                return true;
            }
        }

        return false;
    }

    private (Pfn Start, PageCount Nr) NotifyRange(HostState s) =>
        (s.Blocks.StartPfnOf(block) + _vmemmap, s.Blocks.PagesPerBlock - _vmemmap);
}
