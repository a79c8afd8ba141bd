namespace HotplugCluster.Kernel.Allocations;

/// <summary>
/// The kernel page-table pages a hot-add may need (x86_64, 4-level paging, 2 MiB direct-map pages): each maps a fixed
/// slice of physical memory, through the direct map or through the vmemmap (64 B of memmap per 4 KiB page).
/// </summary>
public enum PageTableLevel : byte
{
    /// <summary>A direct-map PMD table: 512 × 2 MiB, 1 GiB of RAM (<c>phys_pud_init()</c>).</summary>
    DirectMapPmd = 0,

    /// <summary>A direct-map PUD table: 512 GiB of RAM (<c>phys_p4d_init()</c>).</summary>
    DirectMapPud = 1,

    /// <summary>A vmemmap PMD table: 1 GiB of memmap, 64 GiB of RAM (<c>vmemmap_pud_populate()</c>).</summary>
    VmemmapPmd = 2,

    /// <summary>A vmemmap PUD table: 512 GiB of memmap, 32 TiB of RAM (<c>vmemmap_p4d_populate()</c>).</summary>
    VmemmapPud = 3,
}
