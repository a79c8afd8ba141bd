using System.Collections.Immutable;

namespace HotplugCluster.Kernel.Dax;

/// <summary>
/// kmem's drvdata for a device (<c>struct dax_kmem_data</c>): its memory group and ranges. <c>Leaked</c> is set when a
/// remove failed: the resource, group and data stay until reboot (drivers/dax/kmem.c <c>dev_dax_kmem_remove()</c>).
/// </summary>
public sealed record KmemData(int Mgid, ImmutableArray<KmemRange> Ranges, bool Leaked);
