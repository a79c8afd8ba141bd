using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Zones;

/// <summary>One NUMA node (<c>pg_data_t</c>): its zones and whether it is online. Owned by the node.</summary>
public sealed class NumaNode
{
    internal NumaNode(NodeId id, int cpus)
    {
        Id = id;
        Cpus = cpus;
        _zones = [new Zone(id, ZoneType.Dma), new Zone(id, ZoneType.Dma32), new Zone(id, ZoneType.Normal), new Zone(id, ZoneType.Movable)];
    }

    private NumaNode(NumaNode from)
    {
        Id = from.Id;
        Cpus = from.Cpus;
        Online = from.Online;
        _zones = [.. from._zones.Select(z => z.Copy())];
    }

    /// <summary>A deep copy (its zones copied).</summary>
    internal NumaNode Copy() => new(this);

    // An array, not the list interface: the sums below run per migration and per allocation, without an enumerator.
    private readonly Zone[] _zones;

    public NodeId Id { get; }

    public int Cpus { get; }

    /// <summary><c>node_online()</c>: registered, with /sys/devices/system/node/nodeN.</summary>
    public bool Online { get; internal set; }

    public IReadOnlyList<Zone> Zones => _zones;

    public Zone this[ZoneType type] => type switch
    {
        ZoneType.Dma => _zones[0],
        ZoneType.None => throw new ArgumentOutOfRangeException(nameof(type), "a block spanning zones has no zone to charge"),
        _ => _zones[(int)type],
    };

    /// <summary><c>N_MEMORY</c>: the node has present pages.</summary>
    public bool HasMemory => !Present.IsZero;

    /// <summary><c>node_present_pages</c>.</summary>
    public PageCount Present
    {
        get
        {
            var total = PageCount.Zero;
            foreach (var z in _zones)
            {
                total += z.Present;
            }

            return total;
        }
    }

    /// <summary>MemTotal of the node.</summary>
    public PageCount Managed
    {
        get
        {
            var total = PageCount.Zero;
            foreach (var z in _zones)
            {
                total += z.Managed;
            }

            return total;
        }
    }

    /// <summary>MemFree of the node.</summary>
    public PageCount Free
    {
        get
        {
            var total = PageCount.Zero;
            foreach (var z in _zones)
            {
                total += z.Free;
            }

            return total;
        }
    }
}
