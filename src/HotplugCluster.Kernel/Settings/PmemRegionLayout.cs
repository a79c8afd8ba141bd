using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Settings;

/// <summary>
/// A pmem device's place at boot: nd region <paramref name="RegionId"/> (ids come from the same <c>memregion_alloc()</c>
/// as CXL regions), its namespace over [<paramref name="Start"/>, +<paramref name="Size"/>), and the pfn info block's
/// <paramref name="DataOffset"/> and <paramref name="EndTrunc"/>: the dax device gets what lies between.
/// </summary>
public sealed record PmemRegionLayout(int RegionId, PmemDeviceSettings Device, PhysAddr Start, ByteSize Size, ByteSize DataOffset, ByteSize EndTrunc)
{
    /// <summary>The nd namespace (<c>namespaceR.0</c>) and the nd_dax device that claims it (<c>daxR.0</c>).</summary>
    public string Namespace => $"namespace{RegionId}.0";

    /// <summary>The name of the nd_dax device, and of the dax device it creates (<c>dax_pmem</c> takes region and id from the namespace name).</summary>
    public string DaxName => $"dax{RegionId}.0";

    /// <summary>Start of the data: what <c>__dax_pmem_probe()</c> gives the dax region.</summary>
    public PhysAddr DataStart => Start + DataOffset;

    /// <summary>Bytes of the dax device: the namespace less its metadata and the unaligned tail.</summary>
    public ByteSize DataSize => Size - DataOffset - EndTrunc;

    /// <summary>
    /// The pfn info block's layout: 8 KiB of labels and info block, then with <c>--map=dev</c> room for a 64-byte
    /// struct page per page of the namespace (less those 8 KiB), the data starting at the next <c>align</c>; the tail
    /// past the last whole <c>align</c> is truncated.
    /// </summary>
    /// <remarks>nd_pfn_init(), drivers/nvdimm/pfn_devs.c (6.12: MAX_STRUCT_PAGE_SIZE 64, page_map_size = 64 * npfns).</remarks>
    public static (ByteSize DataOffset, ByteSize EndTrunc) PfnLayout(PhysAddr start, ByteSize size, PfnMap map, ByteSize align)
    {
        const ulong infoBlock = 8 * 1024;
        var end = start + size;
        var endTrunc = end - end.AlignDown(align);
        var npfns = (size.Bytes - infoBlock) / PageSizes.PageSize;
        var metadata = map == PfnMap.Dev ? infoBlock + (PageSizes.StructPageSize * npfns) : infoBlock;
        var offset = new PhysAddr(start.Value + metadata).AlignUp(align) - start;
        return (offset, endTrunc);
    }
}
