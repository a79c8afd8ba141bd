namespace HotplugCluster.Kernel.MemoryBlocks;

/// <summary><c>mem->state</c> (include/linux/memory.h); <see cref="Absent"/> marks a slot with no block device.</summary>
public enum MemoryBlockState : byte
{
    Absent = 0,
    Online = 1,
    GoingOffline = 2,
    Offline = 4,
}
