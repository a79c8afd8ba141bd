using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.Resources;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Events;

/// <summary>auto_online_blocks was written (<c>mhp_set_default_online_type()</c>).</summary>
public sealed record DefaultOnlineTypeSet(OnlineType Type) : KernelEvent;

/// <summary>memory_hotplug.online_policy was written.</summary>
public sealed record OnlinePolicySet(OnlinePolicy Policy) : KernelEvent;

/// <summary>memory_hotplug.auto_movable_ratio was written.</summary>
public sealed record AutoMovableRatioSet(uint Ratio) : KernelEvent;

/// <summary>memory_hotplug.auto_movable_numa_aware was written.</summary>
public sealed record AutoMovableNumaAwareSet(bool NumaAware) : KernelEvent;

/// <summary>A notifier-error-inject action's error was written.</summary>
public sealed record NotifierErrorSet(MemoryAction Action, int Error) : KernelEvent;

/// <summary>A line went to the kernel log.</summary>
public sealed record KernelLogged(string Line) : KernelEvent;

/// <summary>A memory notifier chain call (no state; kept for the order of effects).</summary>
public sealed record MemoryNotified(MemoryAction Action, Pfn StartPfn, PageCount NrPages) : KernelEvent;

/// <summary>A resource was requested where <c>__request_region()</c> puts it.</summary>
public sealed record ResourceRequested(PhysAddr Start, ByteSize Size, string Name, ResourceKind Kind) : KernelEvent;

/// <summary>A resource's flags were overwritten (kmem's <c>res-&gt;flags = IORESOURCE_SYSTEM_RAM</c>).</summary>
public sealed record ResourceKindChanged(PhysAddr Start, ByteSize Size, string Name, ResourceKind Kind) : KernelEvent;

/// <summary>A resource was removed (<c>remove_resource()</c> / <c>release_mem_region_adjustable()</c>).</summary>
public sealed record ResourceRemoved(PhysAddr Start, ByteSize Size, string Name) : KernelEvent;

/// <summary><c>memory_group_register_static()</c>.</summary>
public sealed record MemoryGroupRegistered(int Mgid, NodeId Node, PageCount MaxPages) : KernelEvent;

/// <summary><c>memory_group_unregister()</c>.</summary>
public sealed record MemoryGroupUnregistered(int Mgid) : KernelEvent;

/// <summary>A kmem remove failed; kmem_name is kept at module exit (<c>any_hotremove_failed</c>).</summary>
public sealed record HotremoveFailed : KernelEvent;

/// <summary>
/// <c>release_resource()</c> of a resource that still had children: the subtree leaves the tree with it and the
/// children are leaked (kmem before e686c32590f4, v6.3).
/// </summary>
public sealed record ResourceReleasedWithChildren(PhysAddr Start, ByteSize Size, string Name) : KernelEvent;
