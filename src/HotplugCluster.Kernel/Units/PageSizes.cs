namespace HotplugCluster.Kernel.Units;

/// <summary>x86_64 constants with 4 KiB pages (per-block figures: docs/kernel-model.md, "Memmap figures").</summary>
public static class PageSizes
{
    /// <summary><c>PAGE_SIZE</c>.</summary>
    public const ulong PageSize = 4096;

    /// <summary><c>sizeof(struct page)</c>: the memmap is 1/64 of memory.</summary>
    public const ulong StructPageSize = 64;

    /// <summary><c>1UL &lt;&lt; SECTION_SIZE_BITS</c> with SECTION_SIZE_BITS = 27: 128 MiB (arch/x86/include/asm/sparsemem.h).</summary>
    public static ByteSize SectionSize => ByteSize.FromMiB(128);

    /// <summary><c>PAGES_PER_SECTION</c>.</summary>
    public static PageCount PagesPerSection => SectionSize.ToPages();

    /// <summary><c>pageblock_nr_pages</c>: order 9, 2 MiB (include/linux/pageblock-flags.h).</summary>
    public static PageCount PageblockPages => new(512);

    /// <summary><c>PMD_SIZE</c>: the vmemmap is mapped with 2 MiB leaves.</summary>
    public static ByteSize PmdSize => ByteSize.FromMiB(2);

    /// <summary>Bytes of memmap that describe <paramref name="size"/> of memory (<c>memory_block_memmap_size()</c>).</summary>
    public static ByteSize MemmapSizeFor(ByteSize size) => new(size.ToPages().Value * StructPageSize);
}
