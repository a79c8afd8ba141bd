using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Zones;

/// <summary>One NUMA node (<c>pg_data_t</c>): its zones and whether it is online. Owned by the node.</summary>
public sealed class NumaNode
{
    internal NumaNode(NodeId id, int cpus)
    {
        Id = id;
        Cpus = cpus;
        Zones = [new Zone(id, ZoneType.Dma32), new Zone(id, ZoneType.Normal), new Zone(id, ZoneType.Movable)];
    }

    public NodeId Id { get; }

    public int Cpus { get; }

    /// <summary><c>node_online()</c>: registered, with /sys/devices/system/node/nodeN.</summary>
    public bool Online { get; internal set; }

    public IReadOnlyList<Zone> Zones { get; }

    public Zone this[ZoneType type] => Zones[(int)type - 1];

    /// <summary><c>N_MEMORY</c>: the node has present pages.</summary>
    public bool HasMemory => !Present.IsZero;

    /// <summary><c>node_present_pages</c>.</summary>
    public PageCount Present => Sum(static z => z.Present);

    /// <summary>MemTotal of the node.</summary>
    public PageCount Managed => Sum(static z => z.Managed);

    /// <summary>MemFree of the node.</summary>
    public PageCount Free => Sum(static z => z.Free);

    private PageCount Sum(Func<Zone, PageCount> f)
    {
        var total = PageCount.Zero;
        foreach (var z in Zones)
        {
            total += f(z);
        }

        return total;
    }
}
