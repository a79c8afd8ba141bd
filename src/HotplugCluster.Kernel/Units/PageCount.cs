namespace HotplugCluster.Kernel.Units;

/// <summary>A number of 4 KiB pages (<c>unsigned long nr_pages</c>).</summary>
public readonly record struct PageCount(ulong Value) : IComparable<PageCount>
{
    public static PageCount Zero => default;

    public ByteSize ToBytes() => new(checked(Value * PageSizes.PageSize));

    /// <summary>kB as /proc/meminfo prints it (<c>pages &lt;&lt; (PAGE_SHIFT - 10)</c>).</summary>
    public ulong Kb => checked(Value * (PageSizes.PageSize / 1024));

    public bool IsZero => Value == 0;

    public static PageCount operator +(PageCount a, PageCount b) => new(checked(a.Value + b.Value));

    public static PageCount operator -(PageCount a, PageCount b) => new(checked(a.Value - b.Value));

    public static bool operator <(PageCount a, PageCount b) => a.Value < b.Value;

    public static bool operator >(PageCount a, PageCount b) => a.Value > b.Value;

    public static bool operator <=(PageCount a, PageCount b) => a.Value <= b.Value;

    public static bool operator >=(PageCount a, PageCount b) => a.Value >= b.Value;

    public static PageCount Min(PageCount a, PageCount b) => a.Value <= b.Value ? a : b;

    public int CompareTo(PageCount other) => Value.CompareTo(other.Value);

    /// <summary><c>pageblock_align()</c>: round up to a whole pageblock.</summary>
    public PageCount PageblockAlign()
    {
        var pb = PageSizes.PageblockPages.Value;
        return new(checked((Value + pb - 1) / pb * pb));
    }

    /// <summary><c>pageblock_aligned()</c>.</summary>
    public bool IsPageblockAligned => Value % PageSizes.PageblockPages.Value == 0;

    public override string ToString() => Value.ToString();
}
