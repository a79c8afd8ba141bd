using HotplugCluster.Kernel.Settings;

namespace HotplugCluster.Simulation.Configuration;

/// <summary>
/// The physical address space the modelled architecture has: x86-64 with 4-level paging, MAX_PHYSMEM_BITS = 46 (64 TiB;
/// 52 only with 5-level paging, which the model does not offer).
/// </summary>
/// <remarks>MAX_PHYSMEM_BITS, arch/x86/include/asm/sparsemem.h (6.8)</remarks>
internal static class PhysicalAddressLimit
{
    /// <summary>Bits of physical address.</summary>
    public const int Bits = 46;

    /// <summary>The first address beyond the space: 2^46 bytes.</summary>
    public const long End = 1L << Bits;

    /// <summary>Refuses a size or address of <paramref name="key"/> that does not fit in the physical address space.</summary>
    public static long Check(SectionReader r, string key, long bytes) =>
        bytes <= End ? bytes : throw r.ErrorAt(key, $"{bytes} bytes is beyond x86-64's {Bits}-bit physical address space (at most 64TiB)");

    /// <summary>Why a host whose boot DRAM and CXL windows together end beyond the physical address space is refused, or null when it fits.</summary>
    public static string? BeyondTotal(HostSettings settings)
    {
        var total = settings.NumaNodes.Aggregate(0UL, (sum, n) => sum + n.Dram.Bytes) + settings.CxlDevices.Aggregate(0UL, (sum, d) => sum + d.Capacity.Bytes)
            + settings.PmemDevices.Aggregate(0UL, (sum, d) => sum + d.Capacity.Bytes);
        var highest = settings.CxlDevices.Select(d => d.Base is { } b ? b.Value + d.Capacity.Bytes : 0)
            .Concat(settings.PmemDevices.Select(d => d.Base is { } b ? b.Value + d.Capacity.Bytes : 0)).DefaultIfEmpty(0UL).Max();
        return Math.Max(total, highest) > End
            ? $"DRAM, CXL and pmem memory reach {Math.Max(total, highest)} bytes, beyond x86-64's {Bits}-bit physical address space (at most 64TiB)"
            : null;
    }
}
