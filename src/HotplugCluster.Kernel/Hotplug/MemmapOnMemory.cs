using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Hotplug;

/// <summary>
/// The memmap_on_memory support rules (mm/memory_hotplug.c; the 6.1 and 6.8 rules differ, see
/// docs/kernel-model.md, "Kernel versions").
/// </summary>
public static class MemmapOnMemory
{
    /// <summary>Pages of one block's self-hosted memmap.</summary>
    /// <remarks>mm/memory_hotplug.c <c>memory_block_memmap_on_memory_pages()</c>: force pads to a pageblock.</remarks>
    public static PageCount MemmapPagesPerBlock(HostState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var pages = PageSizes.MemmapSizeFor(state.BlockSize).ToPagesRoundUp();
        return state.Parameters.MemmapMode == MemmapOnMemoryMode.Force ? pages.PageblockAlign() : pages;
    }

    /// <summary>Whether an add of <paramref name="size"/> may put its memmap on itself.</summary>
    /// <remarks>
    /// mm/memory_hotplug.c <c>mhp_supports_memmap_on_memory()</c>: v6.6+ checks the block-size memmap for page,
    /// pageblock and PMD alignment and that usable pages remain; v6.8 callers are per block. v6.1 checks the
    /// request is exactly one block and the vmemmap and remainder are PMD / pageblock aligned.
    /// </remarks>
    public static bool Supports(HostState state, ByteSize size)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Parameters.MemmapMode == MemmapOnMemoryMode.Off || size != state.BlockSize)
        {
            return false;
        }

        var vmemmapSize = PageSizes.MemmapSizeFor(state.BlockSize);
        if (state.Version == KernelVersion.V6_1)
        {
            var remaining = state.BlockSize - vmemmapSize;
            return vmemmapSize.IsMultipleOf(PageSizes.PmdSize)
                && remaining.IsMultipleOf(PageSizes.PageblockPages.ToBytes());
        }

        var memmapPages = MemmapPagesPerBlock(state);
        if (!vmemmapSize.IsMultipleOf(new ByteSize(PageSizes.PageSize)) || !memmapPages.IsPageblockAligned
            || memmapPages == state.BlockSize.ToPages())
        {
            return false;
        }

        // arch_supports_memmap_on_memory(): x86 uses the generic IS_ALIGNED(vmemmap_size, PMD_SIZE).
        return vmemmapSize.IsMultipleOf(PageSizes.PmdSize);
    }
}
