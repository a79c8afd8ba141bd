using System.Collections.Immutable;
using HotplugCluster.Fleet.Configuration;

namespace HotplugCluster.Fleet.Results;

/// <summary>
/// One variant's hosts and its fleet-wide figures (sums over hosts in host order, so every figure is reproducible).
/// Byte totals are exact integers; percentages and ratios are derived from them.
/// </summary>
public sealed record VariantResult(FleetVariant Variant, ImmutableArray<HostResult> Hosts)
{
    /// <summary>Boot DRAM of all hosts.</summary>
    public long DramBytes => Sum(h => h.DramBytes);

    /// <summary>CXL capacity of all hosts (every window).</summary>
    public long CxlCapacityBytes => Sum(h => h.CxlCapacityBytes);

    /// <summary>CXL memory hot-added as blocks.</summary>
    public long CxlAddedBytes => Sum(h => h.CxlAddedBytes);

    /// <summary>DRAM holding the memmap of hot-added blocks.</summary>
    public long MemmapDramBytes => Sum(h => h.MemmapDramBytes);

    /// <summary>CXL carved out as altmaps (memmap_on_memory).</summary>
    public long AltmapCxlBytes => Sum(h => h.AltmapCxlBytes);

    /// <summary>The whole memmap of the hot-added memory, wherever it lives: 64 bytes of struct page per 4 KiB page.</summary>
    public long MemmapBytes => MemmapDramBytes + AltmapCxlBytes;

    /// <summary>Online CXL memory the buddy allocator manages.</summary>
    public long UsableCxlBytes => Sum(h => h.UsableCxlBytes);

    /// <summary>CXL capacity not added because it does not fill a whole memory block.</summary>
    public long StrandedBytes => Sum(h => h.StrandedBytes);

    /// <summary>DRAM consumed by memmap as a percentage of DRAM.</summary>
    public double MemmapDramPercent => Percent(MemmapDramBytes, DramBytes);

    /// <summary>1 GiB-aligned present online ranges.</summary>
    public long Ranges1G => Sum(h => h.Ranges1G);

    /// <summary>Those of them free of memmap carve-outs (gigantic pages, 1 GiB direct mappings).</summary>
    public long FreeRanges1G => Sum(h => h.FreeRanges1G);

    /// <summary>Blocks a reclaim tried to offline and remove.</summary>
    public long ReclaimAttempted => Sum(h => h.ReclaimAttempted);

    /// <summary>Blocks removed.</summary>
    public long ReclaimRemoved => Sum(h => h.ReclaimRemoved);

    /// <summary>Removed over attempted, in percent (100 when nothing was attempted).</summary>
    public double ReclaimSuccessPercent => ReclaimAttempted == 0 ? 100 : Percent(ReclaimRemoved, ReclaimAttempted);

    /// <summary>Hosts on which every attempted block was removed.</summary>
    public int HostsFullyReclaimed => Hosts.Count(h => h.ReclaimRemoved == h.ReclaimAttempted);

    /// <summary>Failures of all hosts by errno (reclaim) or "operation: errno" (others).</summary>
    public ImmutableSortedDictionary<string, long> Failures
    {
        get
        {
            var all = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var h in Hosts)
            {
                foreach (var (k, v) in h.ReclaimFailures)
                {
                    all[k] = all.GetValueOrDefault(k) + v;
                }
            }

            return all.ToImmutableSortedDictionary(StringComparer.Ordinal);
        }
    }

    /// <summary>Kernel steps to reclaim per host (the same under every host protocol), mean over hosts.</summary>
    public double MeanReclaimSteps => Hosts.IsEmpty ? 0 : Hosts.Average(h => (double)h.ReclaimSteps);

    /// <summary>Pages the fill could not place.</summary>
    public long FillShortfallPages => Sum(h => h.FillShortfallPages);

    /// <summary>Managed pages in kernel zones (DMA32 + Normal) per node id, summed over hosts.</summary>
    public ImmutableArray<long> KernelPagesPerNode => PerNode(h => h.KernelPages);

    /// <summary>Managed pages in ZONE_MOVABLE per node id, summed over hosts.</summary>
    public ImmutableArray<long> MovablePagesPerNode => PerNode(h => h.MovablePages);

    private long Sum(Func<HostResult, long> f)
    {
        long total = 0;
        foreach (var h in Hosts)
        {
            total = checked(total + f(h));
        }

        return total;
    }

    private ImmutableArray<long> PerNode(Func<HostResult, ImmutableArray<long>> f)
    {
        var nodes = Hosts.IsEmpty ? 0 : Hosts.Max(h => f(h).Length);
        var sums = new long[nodes];
        foreach (var h in Hosts)
        {
            var v = f(h);
            for (var i = 0; i < v.Length; i++)
            {
                sums[i] = checked(sums[i] + v[i]);
            }
        }

        return [.. sums];
    }

    private static double Percent(long part, long whole) => whole == 0 ? 0 : 100.0 * part / whole;
}
