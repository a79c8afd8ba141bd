namespace HotplugCluster.Kernel.Units;

/// <summary>A size in bytes, as the kernel's <c>u64 size</c> arguments and <c>resource_size()</c>.</summary>
public readonly record struct ByteSize(ulong Bytes) : IComparable<ByteSize>
{
    public static ByteSize Zero => default;

    public static ByteSize FromKiB(ulong kib) => new(checked(kib * 1024UL));

    public static ByteSize FromMiB(ulong mib) => new(checked(mib * 1024UL * 1024UL));

    public static ByteSize FromGiB(ulong gib) => new(checked(gib * 1024UL * 1024UL * 1024UL));

    public bool IsZero => Bytes == 0;

    public bool IsPowerOfTwo => Bytes != 0 && (Bytes & (Bytes - 1)) == 0;

    /// <summary>Whole 4 KiB pages (<c>PHYS_PFN(size)</c>).</summary>
    public PageCount ToPages() => new(Bytes / PageSizes.PageSize);

    /// <summary>Pages rounded up (<c>PFN_UP(size)</c>).</summary>
    public PageCount ToPagesRoundUp() => new((Bytes + PageSizes.PageSize - 1) / PageSizes.PageSize);

    public bool IsMultipleOf(ByteSize unit) => unit.Bytes != 0 && Bytes % unit.Bytes == 0;

    public ulong DivideBy(ByteSize unit) => Bytes / unit.Bytes;

    public ByteSize Times(ulong count) => new(checked(Bytes * count));

    public static ByteSize operator +(ByteSize a, ByteSize b) => new(checked(a.Bytes + b.Bytes));

    public static ByteSize operator -(ByteSize a, ByteSize b) => new(checked(a.Bytes - b.Bytes));

    public static bool operator <(ByteSize a, ByteSize b) => a.Bytes < b.Bytes;

    public static bool operator >(ByteSize a, ByteSize b) => a.Bytes > b.Bytes;

    public static bool operator <=(ByteSize a, ByteSize b) => a.Bytes <= b.Bytes;

    public static bool operator >=(ByteSize a, ByteSize b) => a.Bytes >= b.Bytes;

    public static ByteSize Min(ByteSize a, ByteSize b) => a.Bytes <= b.Bytes ? a : b;

    public int CompareTo(ByteSize other) => Bytes.CompareTo(other.Bytes);

    /// <summary>Human form with binary units, as in settings and messages (<c>256MiB</c>, <c>4GiB</c>).</summary>
    public override string ToString()
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var value = Bytes;
        var unit = 0;
        while (unit < units.Length - 1 && value != 0 && value % 1024 == 0)
        {
            value /= 1024;
            unit++;
        }

        return $"{value}{units[unit]}";
    }
}
