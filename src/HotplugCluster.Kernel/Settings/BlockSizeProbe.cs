using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Settings;

/// <summary>The x86 memory block size rules (arch/x86/mm/init_64.c).</summary>
public static class BlockSizeProbe
{
    private static ByteSize MaxBlockSize => ByteSize.FromGiB(2);

    private static ByteSize MemSizeForLargeBlock => ByteSize.FromGiB(64);

    /// <summary>Picks the block size from the end of boot memory.</summary>
    /// <remarks>arch/x86/mm/init_64.c <c>probe_memory_block_size()</c> (no CFMWS advice: that postdates v6.15).</remarks>
    public static ByteSize Probe(ByteSize bootMemEnd, bool hypervisor)
    {
        var min = PageSizes.SectionSize;
        if (bootMemEnd < MemSizeForLargeBlock)
        {
            return min;
        }

        if (!hypervisor)
        {
            return MaxBlockSize;
        }

        var size = MaxBlockSize;
        while (size > min && !bootMemEnd.IsMultipleOf(size))
        {
            size = new ByteSize(size.Bytes / 2);
        }

        return size;
    }

    /// <summary>Whether an explicit size is accepted.</summary>
    /// <remarks>arch/x86/mm/init_64.c <c>set_memory_block_size_order()</c> and drivers/base/memory.c <c>memory_dev_init()</c>.</remarks>
    public static bool IsValidOverride(ByteSize size) =>
        size.IsPowerOfTwo && size >= PageSizes.SectionSize && size <= MemSizeForLargeBlock;
}
