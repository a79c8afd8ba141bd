using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Events;

/// <summary>
/// A region was torn down (<c>unregister_region()</c> → <c>cxl_region_iomem_release()</c>): it leaves the region
/// list and its <c>regionN</c> resource is removed with <c>remove_resource()</c>, so what is still under it (a leaked
/// kmem reservation) moves up to the window.
/// </summary>
public sealed record CxlRegionRemoved(int Id, PhysAddr Start, ByteSize Size) : KernelEvent;

/// <summary>The dax region of a CXL region went away with its <c>dax_regionN</c> device (<c>cxl_dax_region</c> unregistered).</summary>
public sealed record DaxRegionRemoved(int Id) : KernelEvent;

/// <summary>
/// Memory that kmem could not remove stayed in the system (System RAM, online or offline, blocks and group kept)
/// while the CXL device behind it was removed without the OS releasing it (a surprise removal): any access to it
/// now reaches no device. The model's record of that state; the kernel keeps no such list.
/// </summary>
public sealed record CxlMemoryOrphaned(string Memdev, PhysAddr Start, ByteSize Size) : KernelEvent;
