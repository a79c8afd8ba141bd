using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Dax;

/// <summary>A dax device daxX.Y (<c>struct dev_dax</c>). Owned by the device (its actor later).</summary>
public sealed class DaxDevice
{
    internal DaxDevice(int regionId, int id, PhysAddr start, ByteSize size, NodeId targetNode, ByteSize align, bool memmapOnMemory)
    {
        RegionId = regionId;
        Id = id;
        Start = start;
        Size = size;
        TargetNode = targetNode;
        Align = align;
        MemmapOnMemory = memmapOnMemory;
    }

    public string Name => $"dax{RegionId}.{Id}";

    public int RegionId { get; }

    public int Id { get; }

    /// <summary>Start of the device's single range (<c>dev_dax->ranges[0]</c>).</summary>
    public PhysAddr Start { get; }

    public ByteSize Size { get; }

    public NodeId TargetNode { get; }

    public ByteSize Align { get; }

    /// <summary><c>dev_dax->memmap_on_memory</c>, read by kmem at probe.</summary>
    public bool MemmapOnMemory { get; internal set; }

    public DaxDriver Driver { get; internal set; }

    /// <summary>kmem drvdata while bound to kmem, and after a leaking unbind.</summary>
    public KmemData? Kmem { get; internal set; }
}
