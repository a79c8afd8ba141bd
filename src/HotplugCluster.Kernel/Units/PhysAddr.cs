namespace HotplugCluster.Kernel.Units;

/// <summary>A host physical address (<c>phys_addr_t</c> / <c>resource_size_t</c>).</summary>
public readonly record struct PhysAddr(ulong Value) : IComparable<PhysAddr>
{
    public static PhysAddr Zero => default;

    /// <summary><c>PHYS_PFN(addr)</c>.</summary>
    public Pfn ToPfn() => new(Value / PageSizes.PageSize);

    public bool IsAligned(ByteSize alignment) => alignment.Bytes != 0 && Value % alignment.Bytes == 0;

    /// <summary><c>ALIGN(addr, a)</c>.</summary>
    public PhysAddr AlignUp(ByteSize alignment) =>
        new(checked((Value + alignment.Bytes - 1) / alignment.Bytes * alignment.Bytes));

    /// <summary><c>ALIGN_DOWN(addr, a)</c>.</summary>
    public PhysAddr AlignDown(ByteSize alignment) => new(Value / alignment.Bytes * alignment.Bytes);

    public static PhysAddr operator +(PhysAddr addr, ByteSize size) => new(checked(addr.Value + size.Bytes));

    public static ByteSize operator -(PhysAddr end, PhysAddr start) => new(checked(end.Value - start.Value));

    public static bool operator <(PhysAddr a, PhysAddr b) => a.Value < b.Value;

    public static bool operator >(PhysAddr a, PhysAddr b) => a.Value > b.Value;

    public static bool operator <=(PhysAddr a, PhysAddr b) => a.Value <= b.Value;

    public static bool operator >=(PhysAddr a, PhysAddr b) => a.Value >= b.Value;

    public int CompareTo(PhysAddr other) => Value.CompareTo(other.Value);

    /// <summary>The kernel's <c>%#llx</c>.</summary>
    public override string ToString() => Value == 0 ? "0" : $"0x{Value:x}";
}
