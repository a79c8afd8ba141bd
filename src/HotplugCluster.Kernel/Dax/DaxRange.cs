using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Dax;

/// <summary>One physical range of a dax device (<c>struct dev_dax_range</c>, shown as mappingN).</summary>
public readonly record struct DaxRange(PhysAddr Start, ByteSize Size)
{
    public PhysAddr End => new(Start.Value + Size.Bytes - 1);
}
