using System.Collections.Immutable;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Dax;

/// <summary>A dax device daxX.Y (<c>struct dev_dax</c>) with its ranges. Owned by the device (its actor later).</summary>
public sealed class DaxDevice
{
    internal DaxDevice(int regionId, int id, ImmutableArray<DaxRange> ranges, NodeId targetNode, ByteSize align, bool memmapOnMemory)
    {
        RegionId = regionId;
        Id = id;
        Ranges = ranges;
        TargetNode = targetNode;
        Align = align;
        MemmapOnMemory = memmapOnMemory;
    }

    /// <summary>A copy (its fields are values or immutable records, shared).</summary>
    internal DaxDevice Copy() => (DaxDevice)MemberwiseClone();

    public string Name => $"dax{RegionId}.{Id}";

    public int RegionId { get; }

    public int Id { get; }

    /// <summary><c>dev_dax->ranges</c>, in allocation order.</summary>
    public ImmutableArray<DaxRange> Ranges { get; internal set; }

    /// <summary><c>dev_dax_size()</c>.</summary>
    public ByteSize Size => Ranges.Aggregate(ByteSize.Zero, (a, r) => a + r.Size);

    /// <summary>Start of the first range (the <c>resource</c> file), or null when the device has no range.</summary>
    public PhysAddr? Start => Ranges.IsEmpty ? null : Ranges[0].Start;

    public NodeId TargetNode { get; }

    /// <summary><c>dev_dax->align</c> (daxX.Y/align): PAGE_SIZE, PMD_SIZE or PUD_SIZE.</summary>
    public ByteSize Align { get; internal set; }

    /// <summary><c>dev_dax->memmap_on_memory</c>, read by kmem at probe.</summary>
    public bool MemmapOnMemory { get; internal set; }

    public DaxDriver Driver { get; internal set; }

    /// <summary>
    /// device_dax's memmap while bound to device_dax (drivers/dax/device.c <c>dev_dax_probe()</c> →
    /// <c>devm_memremap_pages()</c>).
    /// </summary>
    public DevdaxMemmap? DevdaxMemmap { get; internal set; }

    /// <summary>kmem drvdata while bound to kmem, and after a leaking unbind.</summary>
    public KmemData? Kmem { get; internal set; }
}
