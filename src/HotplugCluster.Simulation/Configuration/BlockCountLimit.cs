using HotplugCluster.Kernel.Settings;

namespace HotplugCluster.Simulation.Configuration;

/// <summary>
/// The most memory blocks a modelled host may have (boot DRAM and CXL windows, at its memory block size). Each block
/// is a slot, an actor and a journal stream, so a host costs memory and time per block (docs/simulation.md, "Size");
/// past this limit a host is refused before boot, naming the larger block size that models the same memory.
/// </summary>
internal static class BlockCountLimit
{
    /// <summary>Blocks per host: 8TiB at 128MiB blocks, the whole 64TiB physical address space at 1GiB blocks or more.</summary>
    public const long MaxBlocks = 1L << 16;

    /// <summary>Why <paramref name="layout"/> has too many blocks to model, or null when it has at most <see cref="MaxBlocks"/>.</summary>
    public static string? Beyond(HostLayout layout)
    {
        var size = layout.BlockSize.Bytes;
        var ranges = layout.Dram.Select(d => d.Size.Bytes).Concat(layout.CxlWindows.Select(w => w.Size.Bytes)).ToList();
        var blocks = ranges.Sum(bytes => (long)((bytes + size - 1) / size));
        if (blocks <= MaxBlocks)
        {
            return null;
        }

        var bytes = ranges.Aggregate(0UL, (sum, b) => sum + b);
        var fits = layout.BlockSize;
        while ((long)(bytes / fits.Bytes) > MaxBlocks && BlockSizeProbe.IsValidOverride(new(fits.Bytes * 2)))
        {
            fits = new(fits.Bytes * 2);
        }

        return $"{blocks} memory blocks of {layout.BlockSize} ({new Kernel.Units.ByteSize(bytes)} of DRAM and CXL) are more than the model's limit of {MaxBlocks} per host"
            + (BlockSizeProbe.IsValidOverride(fits) && fits != layout.BlockSize ? $": memory-block-size = {fits} models the same memory in fewer blocks" : string.Empty);
    }
}
