using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Settings;

/// <summary>
/// A persistent-memory region (an NVDIMM the ACPI NFIT describes, <c>host.pmem-devices[i]</c>) carved as one devdax
/// namespace filling it (<c>ndctl create-namespace -m devdax</c>): <paramref name="Map"/> and <paramref name="Align"/>
/// are the namespace's <c>--map</c> and <c>--align</c>; <paramref name="Mode"/> is what its dax device is bound to at
/// boot (devdax, or system-ram as <c>daxctl reconfigure-device -m system-ram</c> leaves it).
/// </summary>
public sealed record PmemDeviceSettings(
    string Name,
    ByteSize Capacity,
    int TargetNode,
    PhysAddr? Base = null,
    PfnMap Map = PfnMap.Dev,
    ByteSize Align = default,
    CxlDeviceMode Mode = CxlDeviceMode.Devdax)
{
    /// <summary>The namespace's alignment: <see cref="Align"/>, or 2 MiB (ndctl's default, PMD_SIZE on x86_64) when unset.</summary>
    public ByteSize PfnAlign => Align.IsZero ? ByteSize.FromMiB(2) : Align;
}
