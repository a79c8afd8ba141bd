using HotplugCluster.Kernel.Acpi;
using HotplugCluster.Kernel.Cxl;
using HotplugCluster.Kernel.Dax;
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

    public HostState(HostLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        Layout = layout;
        Parameters = new HotplugParameters(layout.Settings.Kernel);
        Blocks = new MemoryBlockTable(layout.BlockSize);
        Nodes = layout.Settings.NumaNodes.Select(n => new NumaNode(new NodeId(n.Id), n.Cpus)).ToArray();
        Dax = new DaxBus(layout.Settings.Kernel.Version == KernelVersion.V6_1);
    }

    public HostLayout Layout { get; }

    public KernelVersion Version => Layout.Settings.Kernel.Version;

    /// <summary>The §8 bugs this host runs with.</summary>
    public KernelBugs Bugs => Layout.Settings.Kernel.Bugs;

    public ByteSize BlockSize => Layout.BlockSize;

    public HotplugParameters Parameters { get; }

    public ResourceTree Resources { get; } = new();

    public MemoryGroupTable Groups { get; } = new();

    public IReadOnlyList<NumaNode> Nodes { get; }

    public MemoryBlockTable Blocks { get; }

    public DaxBus Dax { get; }

    public IReadOnlyList<CxlRegion> CxlRegions => _cxlRegions;

    public NotifierErrorInjection Notifiers { get; } = new();

    public Dmesg Dmesg { get; } = new();

    /// <summary>Whether any kmem remove ever failed (<c>any_hotremove_failed</c>).</summary>
    public bool AnyHotremoveFailed { get; internal set; }

    /// <summary>The node, or null for an id outside the possible map (<c>node_possible()</c>).</summary>
    public NumaNode? Node(NodeId id) => id.Value >= 0 && id.Value < Nodes.Count ? Nodes[id.Value] : null;

    /// <summary>Enabled ACPI memory devices (hot-added DIMMs).</summary>
    public IReadOnlyList<AcpiMemoryDevice> AcpiMemoryDevices => _acpi;

    internal void AddCxlRegion(CxlRegion region) => _cxlRegions.Add(region);

    internal void AddAcpi(AcpiMemoryDevice device) => _acpi.Add(device);

    internal void RemoveAcpi(string name) => _acpi.RemoveAll(d => d.Name == name);
}
