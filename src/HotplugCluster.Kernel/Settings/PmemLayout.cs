using System.Collections.Immutable;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Settings;

/// <summary>Places and checks <c>host.pmem-devices</c>: each after boot DRAM and the CXL windows unless its base is given.</summary>
internal static class PmemLayout
{
    /// <summary>The namespace alignments <c>nd_pfn_supported_alignments()</c> offers on x86_64: PAGE_SIZE, PMD and PUD sizes.</summary>
    private static readonly ByteSize[] Alignments = [new(PageSizes.PageSize), ByteSize.FromMiB(2), ByteSize.FromGiB(1)];

    public static ImmutableArray<PmemRegionLayout> Resolve(
        HostSettings s, ByteSize blockSize, PhysAddr bootEnd, ImmutableArray<CxlWindowLayout> windows, ImmutableArray<SettingError>.Builder errors)
    {
        var result = ImmutableArray.CreateBuilder<PmemRegionLayout>();
        if (s.PmemDevices.IsDefaultOrEmpty)
        {
            return result.ToImmutable();
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var next = windows.Aggregate(bootEnd, (end, w) => w.Start + w.Size > end ? w.Start + w.Size : end);
        var placement = blockSize < HostLayout.CxlGranule ? HostLayout.CxlGranule : blockSize;
        var compat = PageSizes.PmdSize;
        for (var i = 0; i < s.PmemDevices.Length; i++)
        {
            var d = s.PmemDevices[i];
            var at = $"pmem-devices[{i}]";
            var before = errors.Count;
            if (string.IsNullOrWhiteSpace(d.Name) || !names.Add(d.Name))
            {
                errors.Add(new($"{at}.name", $"'{d.Name}' is empty or not unique"));
            }

            if (d.TargetNode < 0 || d.TargetNode >= s.NumaNodes.Length)
            {
                errors.Add(new($"{at}.target-node", $"node {d.TargetNode} does not exist in numa-nodes"));
            }

            if (!Alignments.Contains(d.PfnAlign))
            {
                errors.Add(new($"{at}.align", $"{d.PfnAlign} is not one of 4KiB, 2MiB, 1GiB (nd_pfn_supported_alignments)"));
            }

            if (d.Capacity.IsZero || !d.Capacity.IsMultipleOf(compat))
            {
                errors.Add(new($"{at}.capacity", $"{d.Capacity} is not a positive multiple of 2MiB"));
            }

            var start = d.Base ?? next.AlignUp(placement);
            if (!start.IsAligned(compat))
            {
                errors.Add(new($"{at}.base", $"{start} is not 2MiB aligned (memremap_compat_align: nd_pfn_init refuses the namespace)"));
            }

            if (errors.Count > before)
            {
                continue;
            }

            var end = start + d.Capacity;
            if (start < bootEnd)
            {
                errors.Add(new($"{at}.base", $"region {start}-{end} overlaps boot DRAM (0-{bootEnd})"));
            }

            foreach (var w in windows.Where(w => start < w.Start + w.Size && w.Start < end))
            {
                errors.Add(new($"{at}.base", $"region {start}-{end} overlaps the CXL window of {w.Device.Name}"));
            }

            foreach (var p in result.Where(p => start < p.Start + p.Size && p.Start < end))
            {
                errors.Add(new($"{at}.base", $"region {start}-{end} overlaps the region of {p.Device.Name}"));
            }

            var (offset, trunc) = PmemRegionLayout.PfnLayout(start, d.Capacity, d.Map, d.PfnAlign);
            if (offset >= d.Capacity - trunc)
            {
                // nd_pfn_init(): "%s unable to satisfy requested alignment" (a zero-sized device), -ENXIO.
                errors.Add(new($"{at}.capacity", $"{d.Capacity} leaves no data after {offset} of pfn metadata at align {d.PfnAlign} (nd_pfn_init: unable to satisfy requested alignment)"));
                continue;
            }

            result.Add(new PmemRegionLayout(s.CxlDevices.IsDefault ? i : s.CxlDevices.Length + i, d, start, d.Capacity, offset, trunc));
            if (end > next)
            {
                next = end;
            }
        }

        return result.ToImmutable();
    }
}
