using System.Collections.Immutable;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Settings;

/// <summary>Where everything sits in the physical address space at boot, derived from <see cref="HostSettings"/>.</summary>
public sealed record HostLayout(
    HostSettings Settings,
    ByteSize BlockSize,
    PhysAddr BootMemEnd,
    ImmutableArray<NodeDram> Dram,
    ImmutableArray<CxlWindowLayout> CxlWindows)
{
    /// <summary>The pmem regions, in <c>pmem-devices</c> order; region ids follow the CXL windows'.</summary>
    public ImmutableArray<PmemRegionLayout> PmemRegions { get; init; } = [];

    /// <summary>The pmem region with dax/nd region id <paramref name="regionId"/>, or null (a CXL region, or none).</summary>
    public PmemRegionLayout? PmemRegion(int regionId)
    {
        foreach (var p in PmemRegions)
        {
            if (p.RegionId == regionId)
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>CXL HPA granularity: region sizes are multiples of 256 MiB × ways (drivers/cxl/core/region.c <c>alloc_hpa()</c>).</summary>
    public static ByteSize CxlGranule => ByteSize.FromMiB(256);

    internal static HostLayoutResult Resolve(HostSettings s)
    {
        var errors = ImmutableArray.CreateBuilder<SettingError>();
        var k = s.Kernel;
        if (k.Version == KernelVersion.V6_1 && k.MemmapOnMemory == MemmapOnMemoryMode.Force)
        {
            errors.Add(new("kernel.memmap-on-memory", "'force' exists from v6.6; kernel.version 6.1 accepts only off or on"));
        }

        if (k.MemoryBlockSize is { } explicitSize && !BlockSizeProbe.IsValidOverride(explicitSize))
        {
            errors.Add(new("kernel.memory-block-size", $"{explicitSize} is not a power of two between 128MiB and 64GiB (set_memory_block_size_order)"));
        }

        if (s.NumaNodes.IsDefaultOrEmpty)
        {
            errors.Add(new("numa-nodes", "at least one NUMA node is required"));
            return new(null, errors.ToImmutable());
        }

        var nodes = s.NumaNodes;
        for (var i = 0; i < nodes.Length; i++)
        {
            if (nodes[i].Id != i)
            {
                errors.Add(new($"numa-nodes[{i}].id", $"node ids must be 0..{nodes.Length - 1} in order; found {nodes[i].Id}"));
            }

            if (nodes[i].Cpus < 0)
            {
                errors.Add(new($"numa-nodes[{i}].cpus", "must not be negative"));
            }
        }

        CheckSlit(nodes, errors);
        var bootEnd = PhysAddr.Zero;
        foreach (var n in nodes)
        {
            bootEnd += n.Dram;
        }

        if (bootEnd == PhysAddr.Zero)
        {
            errors.Add(new("numa-nodes", "no node has DRAM; the kernel cannot boot"));
        }

        var blockSize = k.MemoryBlockSize ?? BlockSizeProbe.Probe(new ByteSize(bootEnd.Value), k.Hypervisor);
        var dram = ImmutableArray.CreateBuilder<NodeDram>();
        var cursor = PhysAddr.Zero;
        for (var i = 0; i < nodes.Length; i++)
        {
            var n = nodes[i];
            if (!n.Dram.IsZero && !n.Dram.IsMultipleOf(blockSize))
            {
                errors.Add(new($"numa-nodes[{i}].dram", $"{n.Dram} is not a multiple of the memory block size {blockSize}"));
            }

            if (!n.Dram.IsZero)
            {
                var holes = n.Holes.IsDefaultOrEmpty && cursor == PhysAddr.Zero && k.PcBiosHoles ? PcBiosHoles : n.Holes;
                dram.Add(new NodeDram(new NodeId(n.Id), cursor, n.Dram) { Holes = ResolveHoles(n with { Holes = holes }, i, cursor, blockSize, errors) });
            }
            else if (!n.Holes.IsDefaultOrEmpty)
            {
                errors.Add(new($"numa-nodes[{i}].holes", "a node without DRAM has no holes"));
            }

            cursor += n.Dram;
        }

        var windows = ResolveCxl(s, blockSize, bootEnd, errors);
        var pmem = PmemLayout.Resolve(s, blockSize, bootEnd, windows, errors);
        if (errors.Count > 0)
        {
            return new(null, errors.ToImmutable());
        }

        return new(new HostLayout(s, blockSize, bootEnd, dram.ToImmutable(), windows) { PmemRegions = pmem }, []);
    }

    /// <summary>
    /// What an x86 PC's e820 map leaves out of RAM below 1 MiB: page 0 (<c>trim_bios_range()</c> marks it reserved) and
    /// the legacy 640 KiB–1 MiB (<c>e820__range_remove(BIOS_BEGIN, BIOS_END - BIOS_BEGIN)</c>, arch/x86/kernel/setup.c),
    /// widened down to 636 KiB by the EBDA the BIOS reserves at 0x9fc00 (memblock keeps whole pages of RAM only).
    /// </summary>
    public static ImmutableArray<MemoryHole> PcBiosHoles { get; } =
        [new(ByteSize.FromKiB(0), ByteSize.FromKiB(4)), new(ByteSize.FromKiB(636), ByteSize.FromKiB(388))];

    /// <summary>The SLIT distance between two nodes: the table's entry, or 10 to itself and 20 to others past the table.</summary>
    /// <remarks>__node_distance(), arch/x86/mm/numa.c (LOCAL_DISTANCE / REMOTE_DISTANCE beyond numa_distance_cnt).</remarks>
    public int Distance(int from, int to)
    {
        var nodes = Settings.NumaNodes;
        var count = nodes.TakeWhile(n => !n.Distances.IsDefaultOrEmpty).Count();
        return from < count && to < count ? nodes[from].Distances[to] : from == to ? LocalDistance : RemoteDistance;
    }

    private const int LocalDistance = 10;
    private const int RemoteDistance = 20;

    /// <summary>
    /// The SLIT rows: nodes 0..k-1 each give k entries, 10 to itself and more than 10 to the others (<c>slit_valid()</c>,
    /// drivers/acpi/numa/srat.c, and <c>numa_set_distance()</c>, arch/x86/mm/numa.c, refuse anything else).
    /// </summary>
    private static void CheckSlit(ImmutableArray<NumaNodeSettings> nodes, ImmutableArray<SettingError>.Builder errors)
    {
        var count = nodes.TakeWhile(n => !n.Distances.IsDefaultOrEmpty).Count();
        for (var i = 0; i < nodes.Length; i++)
        {
            var row = nodes[i].Distances;
            if (i >= count)
            {
                if (!row.IsDefaultOrEmpty)
                {
                    errors.Add(new($"numa-nodes[{i}].distances", $"nodes 0..{count - 1} have SLIT rows and node {count} has none: rows must cover nodes 0..k-1"));
                }

                continue;
            }

            if (row.Length != count)
            {
                errors.Add(new($"numa-nodes[{i}].distances", $"{row.Length} entries; the SLIT has {count} nodes, so each row has {count}"));
                continue;
            }

            for (var j = 0; j < count; j++)
            {
                if (i == j ? row[j] != LocalDistance : row[j] <= LocalDistance)
                {
                    errors.Add(new($"numa-nodes[{i}].distances", $"entry {j} is {row[j]}: a node is {LocalDistance} from itself and more than {LocalDistance} from others (slit_valid)"));
                }
            }
        }
    }

    /// <summary>RAM pages a boot hole takes out of the memory block at <paramref name="blockStart"/> (0 for most blocks).</summary>
    public PageCount HolePagesIn(PhysAddr blockStart) => HolePagesIn(blockStart, BlockSize);

    /// <summary>RAM pages boot holes take out of [<paramref name="start"/>, +<paramref name="size"/>).</summary>
    public PageCount HolePagesIn(PhysAddr start, ByteSize size)
    {
        var total = PageCount.Zero;
        foreach (var d in Dram)
        {
            foreach (var (hole, holeSize) in d.Holes)
            {
                var from = Math.Max(hole.Value, start.Value);
                var to = Math.Min(hole.Value + holeSize.Bytes, start.Value + size.Bytes);
                if (to > from)
                {
                    total += new ByteSize(to - from).ToPages();
                }
            }
        }

        return total;
    }

    // Holes are page-aligned, inside the node's DRAM, in order, each within one memory block that keeps some RAM and
    // within one zone; the boot memmap is reserved top-down from the RAM around them (ApplyBootMemory).
    private static ImmutableArray<(PhysAddr, ByteSize)> ResolveHoles(
        NumaNodeSettings n, int index, PhysAddr nodeStart, ByteSize blockSize, ImmutableArray<SettingError>.Builder errors)
    {
        if (n.Holes.IsDefaultOrEmpty)
        {
            return [];
        }

        var page = (ulong)PageSizes.PageSize;
        var result = ImmutableArray.CreateBuilder<(PhysAddr, ByteSize)>();
        var previousEnd = 0UL;
        for (var h = 0; h < n.Holes.Length; h++)
        {
            var hole = n.Holes[h];
            var at = $"numa-nodes[{index}].holes[{h}]";
            var start = hole.Offset.Bytes;
            var end = start + hole.Size.Bytes;
            if (hole.Size.IsZero || start % page != 0 || hole.Size.Bytes % page != 0)
            {
                errors.Add(new(at, $"offset {hole.Offset} and size {hole.Size} must be non-zero multiples of 4KiB"));
            }
            else if (start < previousEnd)
            {
                errors.Add(new(at, "holes must be in address order and must not overlap"));
            }
            else if (end > n.Dram.Bytes)
            {
                errors.Add(new(at, $"offset {hole.Offset} + size {hole.Size} goes past the node's DRAM ({n.Dram})"));
            }
            else if (start / blockSize.Bytes != (end - 1) / blockSize.Bytes || hole.Size.Bytes >= blockSize.Bytes)
            {
                errors.Add(new(at, $"a hole must lie inside one memory block ({blockSize}) and leave it some RAM; make the node's dram smaller instead"));
            }
            else if (Zones.BootZones.ZoneOf(nodeStart + hole.Offset) != Zones.BootZones.ZoneOf(new PhysAddr(nodeStart.Value + end - 1)))
            {
                errors.Add(new(at, "a hole must lie inside one zone (ZONE_DMA ends at 16MiB, ZONE_DMA32 at 4GiB)"));
            }
            else
            {
                result.Add((nodeStart + hole.Offset, hole.Size));
            }

            previousEnd = Math.Max(previousEnd, end);
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<CxlWindowLayout> ResolveCxl(
        HostSettings s, ByteSize blockSize, PhysAddr bootEnd, ImmutableArray<SettingError>.Builder errors)
    {
        var result = ImmutableArray.CreateBuilder<CxlWindowLayout>();
        if (s.CxlDevices.IsDefaultOrEmpty)
        {
            return result.ToImmutable();
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var next = bootEnd;
        for (var i = 0; i < s.CxlDevices.Length; i++)
        {
            var d = s.CxlDevices[i];
            var at = $"cxl-devices[{i}]";
            if (string.IsNullOrWhiteSpace(d.Name) || !names.Add(d.Name))
            {
                errors.Add(new($"{at}.name", $"'{d.Name}' is empty or not unique"));
            }

            if (d.TargetNode < 0 || d.TargetNode >= s.NumaNodes.Length)
            {
                errors.Add(new($"{at}.target-node", $"node {d.TargetNode} does not exist in numa-nodes"));
            }

            if (d.InterleaveWays < 1)
            {
                errors.Add(new($"{at}.interleave-ways", "must be at least 1"));
                continue;
            }

            var granule = CxlGranule.Times((ulong)d.InterleaveWays);
            if (d.Capacity.IsZero || !d.Capacity.IsMultipleOf(granule))
            {
                errors.Add(new($"{at}.capacity", $"{d.Capacity} is not a positive multiple of 256MiB x {d.InterleaveWays} way(s) (alloc_hpa)"));
                continue;
            }

            var align = ByteSize.Min(ByteSize.FromGiB(2), blockSize) < CxlGranule ? CxlGranule : blockSize;
            var start = d.Base ?? next.AlignUp(align);
            if (!start.IsAligned(CxlGranule))
            {
                errors.Add(new($"{at}.base", $"{start} is not 256MiB aligned (CFMWS base)"));
            }

            var end = start + d.Capacity;
            if (start < bootEnd)
            {
                errors.Add(new($"{at}.base", $"window {start}-{end} overlaps boot DRAM (0-{bootEnd})"));
            }

            foreach (var w in result)
            {
                if (start < w.Start + w.Size && w.Start < end)
                {
                    errors.Add(new($"{at}.base", $"window {start}-{end} overlaps the window of {w.Device.Name}"));
                }
            }

            result.Add(new CxlWindowLayout(i, d, start, d.Capacity));
            if (end > next)
            {
                next = end;
            }
        }

        return result.ToImmutable();
    }
}
