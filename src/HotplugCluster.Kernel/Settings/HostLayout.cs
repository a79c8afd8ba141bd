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
                dram.Add(new NodeDram(new NodeId(n.Id), cursor, n.Dram));
            }

            cursor += n.Dram;
        }

        var windows = ResolveCxl(s, blockSize, bootEnd, errors);
        if (errors.Count > 0)
        {
            return new(null, errors.ToImmutable());
        }

        return new(new HostLayout(s, blockSize, bootEnd, dram.ToImmutable(), windows), []);
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
