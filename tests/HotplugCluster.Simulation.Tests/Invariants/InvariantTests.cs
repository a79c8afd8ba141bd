using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Resources;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Zones;
using HotplugCluster.Simulation.Invariants;

namespace HotplugCluster.Simulation.Tests.Invariants;

/// <summary>Each invariant holds on a freshly booted host and fires, with a readable message, once the state is broken.</summary>
public sealed class InvariantTests
{
    [Fact]
    public void Every_standard_invariant_holds_after_boot_and_has_a_unique_name_and_description()
    {
        var set = InvariantSet.Standard();
        Assert.Equal(10, set.Count);
        Assert.Equal(set.Count, set.Select(i => i.Name).Distinct().Count());
        Assert.All(set, i => Assert.False(string.IsNullOrWhiteSpace(i.Description)));
        foreach (var memmap in new[] { MemmapOnMemoryMode.Off, MemmapOnMemoryMode.On })
        {
            var host = Hosts.Boot(memmap);
            Assert.Empty(InvariantSet.Check(set, InvariantContext.Of(host)));
        }
    }

    [Fact]
    public void Orphaned_cxl_memory_fires_when_a_dax_region_goes_without_its_memory_on_record()
    {
        var host = OnlineCxlBlock(out _);
        var w = host.State.Layout.CxlWindows[0];
        KernelApply.Apply(host.State, new DaxRegionRemoved(0));
        var violations = new OrphanedCxlMemory().Check(InvariantContext.Of(host)).ToList();
        Assert.NotEmpty(violations);
        Assert.All(violations, v => Assert.Contains("not recorded as orphaned", v.Message, StringComparison.Ordinal));
        KernelApply.Apply(host.State, new CxlMemoryOrphaned(w.Device.Name, w.Start, w.Size));
        Assert.Empty(new OrphanedCxlMemory().Check(InvariantContext.Of(host)));
    }

    [Fact]
    public void Zone_accounting_fires_when_a_zone_counts_pages_no_block_holds()
    {
        var host = OnlineCxlBlock(out var id);
        KernelApply.Apply(host.State, new PresentPagesAdjusted(id, ZoneType.Movable, new PageCount(512), Added: true));
        var v = Single<ZoneAccounting>(host);
        Assert.Contains("node1 Movable: present", v.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Zone_accounting_fires_when_allocated_pages_disagree_with_the_blocks()
    {
        var host = OnlineCxlBlock(out var id);
        KernelApply.Apply(host.State, new PagesAllocated(id, Kernel.Workload.PageKind.Movable, new PageCount(10)));
        Assert.Empty(new ZoneAccounting().Check(InvariantContext.Of(host)));
        host.State.Nodes[1][ZoneType.Movable].Allocated += new PageCount(3);
        Assert.Contains("allocated", Single<ZoneAccounting>(host).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Memmap_placement_fires_for_an_altmap_hosted_elsewhere_and_for_a_kmem_range_without_its_altmap()
    {
        var host = Hosts.Boot(MemmapOnMemoryMode.On);
        var first = new BlockId(host.BlocksOf(1)[0]);
        Assert.Empty(new MemmapPlacement().Check(InvariantContext.Of(host)));

        // dax0.0 (CXL) asks for memmap_on_memory by default: its blocks have their own altmaps. Flip the knob under it.
        Assert.True(host.State.Dax.Find("dax0.0")!.MemmapOnMemory);
        KernelApply.Apply(host.State, new DaxMemmapOnMemorySet("dax0.0", false));
        Assert.Contains("has an altmap although memmap_on_memory is not in effect", Single<MemmapPlacement>(host).Message, StringComparison.Ordinal);

        var other = Hosts.Boot(MemmapOnMemoryMode.On);
        var b = other.State.Blocks[first];
        var host2 = new BlockId(first.Value + 1);
        KernelApply.Apply(other.State, new SectionsRemoved(first));
        KernelApply.Apply(other.State, new SectionsAdded(first, b.Nid, MemmapSource.Altmap, b.Nid, ZoneType.None, host2, new PageCount(1024)));
        Assert.Contains(new MemmapPlacement().Check(InvariantContext.Of(other)), v => v.Message.Contains("hosted by memory", StringComparison.Ordinal));
    }

    [Fact]
    public void Memmap_placement_fires_when_a_host_block_hosts_the_wrong_number_of_memmap_pages()
    {
        var host = Hosts.Boot(MemmapOnMemoryMode.Off);
        var node0 = host.State.Blocks.Registered().First(b => b.HostedMemmapPages > 0);
        KernelApply.Apply(host.State, new PagesAllocated(node0.Id, Kernel.Workload.PageKind.Unmovable, new PageCount(1)));
        Assert.Empty(new MemmapPlacement().Check(InvariantContext.Of(host)));
        host.State.Blocks.Set(host.State.Blocks[node0.Id] with { HostedMemmapPages = node0.HostedMemmapPages + 1 });
        Assert.Contains("memmap pages, but the blocks and devices charged to it need", Single<MemmapPlacement>(host).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resource_tree_fires_on_overlapping_siblings_and_a_child_outside_its_parent()
    {
        var host = Hosts.Boot();
        Assert.Empty(new ResourceTreeNesting().Check(InvariantContext.Of(host)));
        var dram = host.State.Resources.Root.Children[0];
        host.State.Resources.Root.AddChild(new Resource(new PhysAddr(dram.End.Value - 4095), new PhysAddr(dram.End.Value + 4096), "rogue", ResourceKind.Mem));
        dram.AddChild(new Resource(new PhysAddr(dram.End.Value - 4095), new PhysAddr(dram.End.Value + 8192), "escapee", ResourceKind.Mem));
        var messages = new ResourceTreeNesting().Check(InvariantContext.Of(host)).Select(v => v.Message).ToList();
        Assert.Contains(messages, m => m.Contains("rogue", StringComparison.Ordinal) && m.Contains("overlaps", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("escapee", StringComparison.Ordinal) && m.Contains("sticks out", StringComparison.Ordinal));
    }

    [Fact]
    public void Online_block_resource_fires_when_the_resource_of_an_online_block_is_released()
    {
        var host = OnlineCxlBlock(out var id);
        var start = host.State.Blocks.StartOf(new BlockId(host.BlocksOf(1)[0]));
        var kmem = host.State.Resources.Find(start, ByteSize.FromGiB(2), "System RAM (kmem)");
        Assert.NotNull(kmem);
        KernelApply.Apply(host.State, new ResourceRemoved(kmem.Start, kmem.Size, kmem.Name));
        Assert.Contains($"{id} is Online but no busy System RAM resource covers it", Single<OnlineBlockResource>(host).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Removed_range_leftovers_fires_for_sections_left_behind_by_a_removal()
    {
        var host = Hosts.Boot();
        var first = new BlockId(host.BlocksOf(1)[0]);
        var start = host.State.Blocks.StartOf(first);
        var kmem = host.State.Resources.Find(start, ByteSize.FromGiB(2), "System RAM (kmem)")!;
        foreach (var id in host.BlocksOf(1))
        {
            KernelApply.Apply(host.State, new MemoryBlockRemoved(new BlockId(id)));
        }

        KernelApply.Apply(host.State, new ResourceRemoved(kmem.Start, kmem.Size, kmem.Name));
        var messages = new RemovedRangeLeftovers().Check(InvariantContext.Of(host)).Select(v => v.Message).ToList();
        Assert.Contains($"{first} still has its sections", messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Block_references_fire_for_a_reference_nobody_dropped_and_name_removed_blocks()
    {
        var host = Hosts.Boot();
        var id = new BlockId(host.BlocksOf(1)[0]);
        KernelApply.Apply(host.State, new MemoryBlockReferenceTaken(id));
        Assert.Contains("nobody dropped", Single<BlockReferences>(host).Message, StringComparison.Ordinal);
        KernelApply.Apply(host.State, new MemoryBlockRemoved(id));
        Assert.Contains("was removed with 1 reference(s) outstanding", Single<BlockReferences>(host).Message, StringComparison.Ordinal);
        KernelApply.Apply(host.State, new MemoryBlockReferenceDropped(id));
        Assert.Empty(new BlockReferences().Check(InvariantContext.Of(host)));
    }

    [Fact]
    public void Lock_discipline_fires_for_a_step_without_its_lock_and_for_a_leaked_lock()
    {
        var host = Hosts.Boot();
        host.EnforceLocks = false;
        var monitor = InvariantMonitor.Attach(host, [new LockDiscipline()]);
        host.Run(new Sloppy());

        // The step is caught as it runs; the leak once the operation has returned (Run records it after the last step).
        var messages = monitor.Violations.Select(v => v.Violation.Message).Concat(monitor.CheckNow().Select(v => v.Message)).ToList();
        Assert.Contains(messages, m => m.Contains("ran 'touch zones' without MemHotplug; it held [DeviceHotplug]", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("returned holding a lock: sloppy: DeviceHotplug", StringComparison.Ordinal));
        Assert.Contains("lock-discipline", monitor.Report(), StringComparison.Ordinal);

        // Interleaved, the leak shows at the step where the leaking operation finishes.
        var other = Hosts.Boot();
        var interleaved = InvariantMonitor.Attach(other, [new LockDiscipline()]);
        other.RunInterleaved([new Sloppy()], _ => 0);
        Assert.Contains(interleaved.Violations, v => v.Violation.Message.Contains("returned holding a lock", StringComparison.Ordinal));
    }

    [Fact]
    public void Memory_group_counters_fire_when_a_group_counts_pages_its_blocks_do_not_hold()
    {
        var host = OnlineCxlBlock(out _);
        var offline = new BlockId(host.BlocksOf(1)[1]);
        Assert.Empty(new MemoryGroupCounters().Check(InvariantContext.Of(host)));
        var group = host.State.Groups.Find(host.State.Blocks[offline].GroupId)!;
        group.PresentMovablePages += new PageCount(1);
        Assert.Contains($"group {group.Id}: present kernel 0 / movable", Single<MemoryGroupCounters>(host).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Journal_replay_fires_when_the_state_changes_without_a_journaled_event()
    {
        var host = Hosts.Boot();
        var invariant = new JournalReflectsState();
        Assert.Empty(invariant.Check(InvariantContext.Of(host)));
        Assert.True(host.Write(Hosts.Block(host.BlocksOf(1)[0], "state"), "online_movable").Ok);
        Assert.Empty(invariant.Check(InvariantContext.Of(host)));
        KernelApply.Apply(host.State, new PagesAllocated(new BlockId(host.BlocksOf(1)[0]), Kernel.Workload.PageKind.Movable, new PageCount(7)));
        var v = Assert.Single(invariant.Check(InvariantContext.Of(host)).Take(1));
        Assert.Contains("which the replayed journal does not", v.Message, StringComparison.Ordinal);
    }

    private static KernelHost OnlineCxlBlock(out BlockId id)
    {
        var host = Hosts.Boot();
        id = new BlockId(host.BlocksOf(1)[0]);
        Assert.True(host.Write(Hosts.Block(id.Value, "state"), "online_movable").Ok);
        Assert.Empty(InvariantSet.Check(InvariantSet.Standard(), InvariantContext.Of(host)));
        return host;
    }

    private static InvariantViolation Single<T>(KernelHost host)
        where T : IInvariant, new()
    {
        var v = new T().Check(InvariantContext.Of(host)).First();
        Assert.Equal(new T().Name, v.Invariant);
        return v;
    }

    /// <summary>An operation that names mem_hotplug_lock without taking it and returns holding device_hotplug_lock.</summary>
    private sealed class Sloppy : KernelOperation
    {
        public override string Name => "sloppy";

        public override IEnumerable<KernelStep> Steps()
        {
            yield return Acquire(KernelLock.DeviceHotplug);
            yield return Work("touch zones", StateOwner.Node, KernelLock.MemHotplug, _ => StepResult.Ok());
        }
    }
}
