namespace HotplugCluster.Kernel.Settings;

/// <summary>
/// Where a devdax namespace keeps the memmap of its pages (<c>ndctl create-namespace --map</c>, <c>nd_pfn-&gt;mode</c>).
/// </summary>
public enum PfnMap
{
    /// <summary>PFN_MODE_PMEM: on the device, in metadata the namespace reserves before its data (the vmemmap altmap).</summary>
    Dev = 0,

    /// <summary>PFN_MODE_RAM: in system RAM, allocated when device_dax maps the pages.</summary>
    Mem = 1,
}
