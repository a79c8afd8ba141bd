using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Zones;

/// <summary>One zone of one node: span and page counters (<c>struct zone</c>). Owned by its node.</summary>
public sealed class Zone
{
    internal Zone(NodeId node, ZoneType type)
    {
        Node = node;
        Type = type;
    }

    /// <summary>A copy (every field is a value).</summary>
    internal Zone Copy() => (Zone)MemberwiseClone();

    public NodeId Node { get; }

    public ZoneType Type { get; }

    /// <summary><c>zone_start_pfn</c>; meaningful only when <see cref="IsSpanned"/>.</summary>
    public Pfn SpanStart { get; internal set; }

    /// <summary><c>zone_end_pfn()</c> (exclusive).</summary>
    public Pfn SpanEnd { get; internal set; }

    public bool IsSpanned => SpanEnd > SpanStart;

    /// <summary><c>spanned_pages</c>.</summary>
    public PageCount Spanned => IsSpanned ? SpanEnd - SpanStart : PageCount.Zero;

    /// <summary><c>present_pages</c>: includes vmemmap pages of memmap_on_memory blocks.</summary>
    public PageCount Present { get; internal set; }

    /// <summary><c>present_early_pages</c>: present pages of boot memory.</summary>
    public PageCount PresentEarly { get; internal set; }

    /// <summary><c>managed_pages</c>: pages handed to the buddy (MemTotal).</summary>
    public PageCount Managed { get; internal set; }

    /// <summary>Managed pages in use: hotplug memmaps allocated here, kernel and workload allocations.</summary>
    public PageCount Allocated { get; internal set; }

    /// <summary><c>NR_FREE_PAGES</c>.</summary>
    public PageCount Free => Managed - Allocated;

    /// <summary><c>populated_zone()</c>.</summary>
    public bool IsPopulated => !Present.IsZero;

    /// <summary><c>zone_intersects(zone, pfn, nr)</c>.</summary>
    public bool Intersects(Pfn start, PageCount count) =>
        IsSpanned && start < SpanEnd && SpanStart < start + count;

    /// <summary><c>resize_zone_range()</c>: widen the span to cover the range.</summary>
    internal void Widen(Pfn start, PageCount count)
    {
        var end = start + count;
        if (!IsSpanned)
        {
            SpanStart = start;
            SpanEnd = end;
            return;
        }

        if (start < SpanStart)
        {
            SpanStart = start;
        }

        if (end > SpanEnd)
        {
            SpanEnd = end;
        }
    }
}
