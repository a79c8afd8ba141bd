namespace HotplugCluster.Fleet.Configuration;

/// <summary>What a reclaim gives back at a time.</summary>
public enum ReclaimGranularity
{
    /// <summary>Whole dax devices: offline every block through sysfs, then unbind kmem (daxctl reconfigure-device -m devdax --force).</summary>
    Device = 0,

    /// <summary>Single memory blocks: <c>offline_and_remove_memory()</c> per block.</summary>
    Block = 1,
}
