using System.Collections.ObjectModel;
using HotplugCluster.Kernel.Acpi;
using HotplugCluster.Kernel.Allocations;
using HotplugCluster.Kernel.Cxl;
using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Faults;
using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Resources;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Kernel.Host;

/// <summary>
/// All kernel state of one host, partitioned by owner: host-wide (resources, groups, parameters, notifier
/// injection, dmesg), per node (zones), per block (the block table), and the dax bus and its devices.
/// Only <see cref="KernelApply"/> changes it; rules read it.
/// </summary>
public sealed class HostState
{
    private readonly List<CxlRegion> _cxlRegions = [];
    private readonly List<AcpiMemoryDevice> _acpi = [];
    private readonly List<(BlockId Block, PageCount Pages)> _stray = [];
    private readonly List<string> _leakedResources = [];
    private readonly List<(string Memdev, PhysAddr Start, ByteSize Size)> _orphaned = [];
    // Hashed, sorted only when read: every removed block takes a reference and drops it in one step, and a tree node made and
    // unlinked for each was ~1.4% of what a fleet host allocated (the dictionary reuses its freed entry).
    private readonly Dictionary<BlockId, int> _refs = [];

    [ThreadStatic]
    private static List<(BlockId Block, PageCount Pages)>? t_migrationScratch;

    private static readonly int SlabCacheCount = Enum.GetValues<Allocations.SlabCache>().Length;

    // PagePlacement.ByDistance per node, made once: node ids never change, and a migration asks for every block.
    private NodeId[]?[]? _byDistance;

    /// <summary>
    /// A list a migration pass or a workload allocation fills with its targets (<see cref="Workload.PagePlacement.SpreadInto"/>) and reads before the
    /// step returns: scratch space, never state (nothing in it outlives the step).
    /// </summary>
    /// <remarks>
    /// One list per thread, not per host: a step runs on one thread from start to end, and nothing is read from the list
    /// after its step returns, so hosts sharing a thread never see each other's entries. A list per host grew to thousands of
    /// entries anew for every restored fleet host (~0.9% of what a host allocated).
    /// </remarks>
    internal static List<(BlockId Block, PageCount Pages)> MigrationScratch => t_migrationScratch ??= [];

    /// <summary>
    /// Per slab cache, the last <see cref="Events.SlabObjectsFreed"/> <see cref="Allocations.HotplugCosts"/> decided on this host,
    /// which it hands out again for an equal one (an immutable event; a copy of the state starts without).
    /// </summary>
    internal Events.SlabObjectsFreed?[] LastSlabFreed { get; } = new Events.SlabObjectsFreed?[SlabCacheCount];

    public HostState(HostLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Layout = layout;
        Parameters = new HotplugParameters(layout.Settings.Kernel);
        Blocks = new MemoryBlockTable(layout.BlockSize, layout.CxlWindows.Aggregate(layout.BootMemEnd, (end, w) => w.Start + w.Size > end ? w.Start + w.Size : end));
        Nodes = layout.Settings.NumaNodes.Select(n => new NumaNode(new NodeId(n.Id), n.Cpus)).ToArray();
        Dax = new DaxBus(layout.Settings.Kernel.Version == KernelVersion.V6_1);
    }

    /// <summary>
    /// A deep copy of <paramref name="from"/>: what replaying its journal into a fresh state gives (a test compares the two
    /// by <c>StateFingerprint</c>), plus what is counted rather than journaled (notifier calls, signals), without applying
    /// the events again. Hosts of a fleet class start from a copy of one host's state, in <paramref name="storage"/> a finished
    /// host gave back when there is some.
    /// </summary>
    public HostState(HostState from, HostStateStorage? storage = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        Layout = from.Layout;
        Parameters = from.Parameters.Copy();
        Blocks = from.Blocks.Copy(storage?.Take(from.Blocks.SlotCount));
        Nodes = [.. from.Nodes.Select(n => n.Copy())];
        Dax = from.Dax.Copy();
        Resources = from.Resources.Copy();
        Groups = from.Groups.Copy();
        KernelAllocations = from.KernelAllocations.Copy();
        Notifiers = from.Notifiers.Copy();
        Dmesg = from.Dmesg.Copy();
        Signals = from.Signals.Copy();
        Faults = from.Faults;
        AnyHotremoveFailed = from.AnyHotremoveFailed;
        _cxlRegions.AddRange(from._cxlRegions);
        _acpi.AddRange(from._acpi);
        _stray.AddRange(from._stray);
        _leakedResources.AddRange(from._leakedResources);
        _orphaned.AddRange(from._orphaned);
        foreach (var (block, n) in from._refs)
        {
            _refs.Add(block, n);
        }

        TakeNotifierCallCounts(from);
    }

    public HostLayout Layout { get; }

    public KernelVersion Version => Layout.Settings.Kernel.Version;

    /// <summary>
    /// The historical kernel bugs this host runs with (docs/kernel-model.md, "Historical kernel bugs").
    /// </summary>
    public KernelBugs Bugs => Layout.Settings.Kernel.Bugs;

    public ByteSize BlockSize => Layout.BlockSize;

    public HotplugParameters Parameters { get; }

    public ResourceTree Resources { get; } = new();

    public MemoryGroupTable Groups { get; } = new();

    /// <summary>The kernel's own slab objects and page-table pages for hotplug (<see cref="Allocations.HotplugCosts"/>).</summary>
    public KernelAllocations KernelAllocations { get; } = new();

    public IReadOnlyList<NumaNode> Nodes { get; }

    public MemoryBlockTable Blocks { get; }

    public DaxBus Dax { get; }

    public IReadOnlyList<CxlRegion> CxlRegions => _cxlRegions;

    public NotifierErrorInjection Notifiers { get; } = new();

    public Dmesg Dmesg { get; } = new();

    /// <summary>The fault sites armed for this run (not journaled; see <see cref="FaultPlan"/>).</summary>
    public FaultPlan Faults { get; set; } = FaultPlan.None;

    /// <summary>Signals sent to running operations (a stress lane's <c>signal</c>; not journaled, see <see cref="SignalBoard"/>).</summary>
    public SignalBoard Signals { get; } = new();

    /// <summary>
    /// Pages that were given to the buddy allocator although they are not usable memory: the self-hosted vmemmap of a
    /// block whose sections were removed without their altmap (before f42ce5f087eb; the 2026 error-path fix on 6.8).
    /// Empty on a correct kernel.
    /// </summary>
    public IReadOnlyList<(BlockId Block, PageCount Pages)> StrayBuddyPages => _stray;

    /// <summary>
    /// Resources that left the iomem tree still attached to a released parent (<c>release_resource()</c> of a resource
    /// with children, kmem before e686c32590f4), as "start-end : name (under released parent)". Empty on a correct
    /// kernel.
    /// </summary>
    public IReadOnlyList<string> LeakedResources => _leakedResources;

    /// <summary>
    /// Outstanding <c>find_memory_block()</c> references (<c>get_device()</c> without <c>put_device()</c>) per block
    /// id, in id order; the device of a removed block is freed only when its count returns to zero (leaked before
    /// 93866f55f7e2).
    /// </summary>
    public IReadOnlyDictionary<BlockId, int> BlockReferences =>
        _refs.Count == 0 ? ReadOnlyDictionary<BlockId, int>.Empty : new SortedDictionary<BlockId, int>(_refs);

    /// <summary>How many times each notifier action was called in this run (for <see cref="NotifierVeto.Occurrence"/>).</summary>
    internal Dictionary<MemoryAction, int> NotifierCalls { get; } = [];

    /// <summary>Whether any kmem remove ever failed (<c>any_hotremove_failed</c>).</summary>
    public bool AnyHotremoveFailed { get; internal set; }

    /// <summary>The node, or null for an id outside the possible map (<c>node_possible()</c>).</summary>
    public NumaNode? Node(NodeId id) => id.Value >= 0 && id.Value < Nodes.Count ? Nodes[id.Value] : null;

    /// <summary>
    /// Node ids by distance from <paramref name="from"/>: itself, then |i - j| ascending, lower id first
    /// (<see cref="Workload.PagePlacement.ByDistance"/>). The array is shared: do not change it.
    /// </summary>
    internal NodeId[] NodesByDistance(NodeId from)
    {
        var cacheable = from.Value >= 0 && from.Value < Nodes.Count;
        if (cacheable && _byDistance?[from.Value] is { } cached)
        {
            return cached;
        }

        var order = new NodeId[Nodes.Count];
        for (var i = 0; i < order.Length; i++)
        {
            // Insertion sort: stable, as OrderBy(distance).ThenBy(id) is.
            var id = Nodes[i].Id;
            var j = i;
            while (j > 0 && Closer(id, order[j - 1], from))
            {
                order[j] = order[j - 1];
                j--;
            }

            order[j] = id;
        }

        if (cacheable)
        {
            (_byDistance ??= new NodeId[]?[Nodes.Count])[from.Value] = order;
        }

        return order;

        static bool Closer(NodeId a, NodeId b, NodeId from)
        {
            var (da, db) = (Math.Abs(a.Value - from.Value), Math.Abs(b.Value - from.Value));
            return da < db || (da == db && a.Value < b.Value);
        }
    }

    /// <summary>Enabled ACPI memory devices (hot-added DIMMs).</summary>
    public IReadOnlyList<AcpiMemoryDevice> AcpiMemoryDevices => _acpi;

    internal void AddLeakedResource(string resource) => _leakedResources.Add(resource);

    internal void AddStrayBuddyPages(BlockId block, PageCount pages) => _stray.Add((block, pages));

    internal void AddBlockReference(BlockId block, int delta)
    {
        var n = _refs.GetValueOrDefault(block) + delta;
        if (n == 0)
        {
            _refs.Remove(block);
        }
        else
        {
            _refs[block] = n;
        }
    }

    /// <summary>
    /// Whether a memory notifier call of <paramref name="action"/> is vetoed: the notifier-error-inject state first,
    /// then the run's <see cref="FaultPlan.NotifierVeto"/>. Counts the call.
    /// </summary>
    /// <remarks>kernel/notifier.c <c>notifier_to_errno()</c> over the memory chain.</remarks>
    internal Errno? NotifierVeto(MemoryAction action)
    {
        var call = NotifierCalls.GetValueOrDefault(action) + 1;
        NotifierCalls[action] = call;
        if (Notifiers.Veto(action) is { } injected)
        {
            return injected;
        }

        return Faults.NotifierVeto is { } veto && veto.StrikesAt(action, call) ? veto.Error : null;
    }

    private void TakeNotifierCallCounts(HostState from)
    {
        foreach (var (action, calls) in from.NotifierCalls)
        {
            NotifierCalls[action] = calls;
        }
    }

    internal void AddCxlRegion(CxlRegion region) => _cxlRegions.Add(region);

    internal void RemoveCxlRegion(int id) => _cxlRegions.RemoveAll(r => r.Id == id);

    internal void AddOrphaned(string memdev, PhysAddr start, ByteSize size) => _orphaned.Add((memdev, start, size));

    /// <summary>
    /// Ranges kmem could not remove whose CXL device was removed anyway (a surprise removal): System RAM backed by a
    /// device that is gone, kept "until the next reboot" (drivers/dax/kmem.c <c>dev_dax_kmem_remove()</c>). Empty
    /// unless a device vanished under online memory.
    /// </summary>
    public IReadOnlyList<(string Memdev, PhysAddr Start, ByteSize Size)> OrphanedCxlMemory => _orphaned;

    /// <summary>Whether the CXL memdev is plugged in: it has a region (the model assembles one whenever the device is present).</summary>
    public bool CxlMemdevPresent(string memdev) => _cxlRegions.Exists(r => r.Memdev == memdev);

    internal void AddAcpi(AcpiMemoryDevice device) => _acpi.Add(device);

    internal void RemoveAcpi(string name) => _acpi.RemoveAll(d => d.Name == name);
}
