using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Dax;

/// <summary>Pages of a memmap held in one host memory block.</summary>
public readonly record struct HostedPages(BlockId Block, PageCount Pages);
