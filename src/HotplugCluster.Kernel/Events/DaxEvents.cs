using System.Collections.Immutable;
using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Events;

/// <summary>A device's ranges were replaced (a resize through daxX.Y/size).</summary>
public sealed record DaxRangesSet(string Device, ImmutableArray<DaxRange> Ranges) : KernelEvent;

/// <summary>
/// device_dax's <c>devm_memremap_pages()</c> allocated the device's memmap (drivers/dax/device.c
/// <c>dev_dax_probe()</c>).
/// </summary>
public sealed record DevdaxMemmapAllocated(string Device, DevdaxMemmap Memmap) : KernelEvent;

/// <summary>device_dax unbound and its memmap was freed.</summary>
public sealed record DevdaxMemmapFreed(string Device) : KernelEvent;

/// <summary>daxX.Y/align was stored.</summary>
public sealed record DaxAlignSet(string Device, ByteSize Align) : KernelEvent;

/// <summary>A device was deleted through dax_region/delete.</summary>
public sealed record DaxDeviceDeleted(string Device) : KernelEvent;

/// <summary>The region's seed device changed (null: none).</summary>
public sealed record DaxRegionSeedSet(int RegionId, string? Seed) : KernelEvent;

/// <summary>daxX.Y/memmap_on_memory was stored.</summary>
public sealed record DaxMemmapOnMemorySet(string Device, bool Value) : KernelEvent;

/// <summary>A driver's probe succeeded and the device is bound.</summary>
public sealed record DaxDriverBound(string Device, DaxDriver Driver) : KernelEvent;

/// <summary>The device was released from its driver.</summary>
public sealed record DaxDriverUnbound(string Device) : KernelEvent;

/// <summary>kmem's drvdata for the device changed (null: freed).</summary>
public sealed record KmemDataSet(string Device, KmemData? Data) : KernelEvent;

/// <summary>A name was added to a driver's new_id list.</summary>
public sealed record DaxIdAdded(DaxDriver Driver, string Device) : KernelEvent;

/// <summary>A name was removed from a driver's id list.</summary>
public sealed record DaxIdRemoved(DaxDriver Driver, string Device) : KernelEvent;
