using System.Collections.Immutable;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Dax;

/// <summary>
/// How a dynamic dax device grows and shrinks inside its region (drivers/dax/bus.c; exercised as ndctl's
/// test/daxctl-create.sh does).
/// </summary>
public static class DaxResize
{
    /// <summary>The device's ranges after a resize to <paramref name="size"/> (the caller checked -EBUSY / -ENOSPC).</summary>
    /// <remarks>drivers/dax/bus.c <c>dev_dax_resize()</c>, <c>dev_dax_shrink()</c>, <c>adjust_ok()</c>.</remarks>
    public static ImmutableArray<DaxRange> Resize(DaxBus bus, DaxRegion region, DaxDevice dev, ByteSize size)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentNullException.ThrowIfNull(dev);
        var ranges = dev.Ranges.ToList();
        if (size < dev.Size)
        {
            // Shrink from the last range backwards, dropping whole ranges first.
            var toShrink = dev.Size - size;
            for (var i = ranges.Count - 1; i >= 0 && !toShrink.IsZero; i--)
            {
                if (toShrink >= ranges[i].Size)
                {
                    toShrink -= ranges[i].Size;
                    ranges.RemoveAt(i);
                    continue;
                }

                ranges[i] = ranges[i] with { Size = ranges[i].Size - toShrink };
                toShrink = ByteSize.Zero;
            }

            return [.. ranges];
        }

        var toAlloc = size - dev.Size;
        var regionEnd = new PhysAddr(region.Start.Value + region.Size.Bytes - 1);
        while (!toAlloc.IsZero)
        {
            // The region's children: every device's ranges, by address (with this device's current ones).
            var children = bus.DevicesOf(region.Id)
                .SelectMany(d => (d == dev ? ranges : d.Ranges.ToList()).Select(r => (Device: d, Range: r)))
                .OrderBy(c => c.Range.Start)
                .ToList();
            if (children.Count == 0)
            {
                ranges.Add(new DaxRange(region.Start, toAlloc));
                break;
            }

            var progressed = false;
            for (var i = 0; i < children.Count; i++)
            {
                var res = children[i].Range;
                if (i == 0 && res.Start > region.Start)
                {
                    var alloc = ByteSize.Min(res.Start - region.Start, toAlloc);
                    ranges.Add(new DaxRange(region.Start, alloc));
                    toAlloc -= alloc;
                    progressed = true;
                    break;
                }

                var gap = ByteSize.Zero;
                if (i + 1 < children.Count && children[i + 1].Range.Start > res.End + new ByteSize(1))
                {
                    gap = ByteSize.Min(children[i + 1].Range.Start - (res.End + new ByteSize(1)), toAlloc);
                }

                if (gap.IsZero && i + 1 == children.Count && res.End < regionEnd)
                {
                    gap = ByteSize.Min(regionEnd - res.End, toAlloc);
                }

                if (gap.IsZero)
                {
                    continue;
                }

                if (children[i].Device == dev && ranges.Count > 0 && ranges[^1] == res)
                {
                    ranges[^1] = res with { Size = res.Size + gap };
                }
                else
                {
                    ranges.Add(new DaxRange(res.End + new ByteSize(1), gap));
                }

                toAlloc -= gap;
                progressed = true;
                break;
            }

            if (!progressed)
            {
                throw new InvalidOperationException("no space although dax_region_avail_size() allowed the resize");
            }
        }

        return [.. ranges];
    }
}
