using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// Arguments of an add_memory*() call. <c>NidOrMgid</c> is a node id, or a memory group id with
/// <see cref="Mhp.NidIsMgid"/>. <c>FailAtBlock</c> injects a fault: <c>arch_add_memory()</c> of the k-th block
/// fails with -ENOMEM (race seed (d), docs/kernel-model.md "Race seeds").
/// </summary>
public sealed record AddMemoryRequest(
    AddMemoryVariant Variant,
    int NidOrMgid,
    PhysAddr Start,
    ByteSize Size,
    string ResourceName = "System RAM",
    Mhp Flags = Mhp.None,
    int? FailAtBlock = null);
