namespace HotplugCluster.Kernel.Units;

/// <summary>A page frame number (<c>unsigned long pfn</c>).</summary>
public readonly record struct Pfn(ulong Value) : IComparable<Pfn>
{
    public PhysAddr ToPhys() => new(checked(Value * PageSizes.PageSize));

    public static Pfn operator +(Pfn pfn, PageCount count) => new(checked(pfn.Value + count.Value));

    public static PageCount operator -(Pfn end, Pfn start) => new(checked(end.Value - start.Value));

    public static bool operator <(Pfn a, Pfn b) => a.Value < b.Value;

    public static bool operator >(Pfn a, Pfn b) => a.Value > b.Value;

    public static bool operator <=(Pfn a, Pfn b) => a.Value <= b.Value;

    public static bool operator >=(Pfn a, Pfn b) => a.Value >= b.Value;

    public int CompareTo(Pfn other) => Value.CompareTo(other.Value);

    public override string ToString() => $"{Value:x}";
}
