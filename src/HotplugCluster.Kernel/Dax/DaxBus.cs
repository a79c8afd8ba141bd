using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Dax;

/// <summary>The dax bus: regions, devices and each driver's <c>new_id</c> list. Owned by the bus.</summary>
public sealed class DaxBus
{
    private readonly List<DaxRegion> _regions = [];
    private readonly List<DaxDevice> _devices = [];
    private readonly List<string> _kmemIds = [];
    private readonly List<string> _deviceDaxIds = [];
    private readonly Dictionary<int, string?> _seeds = [];

    internal DaxBus(bool deviceDaxMatchesAll)
    {
        DeviceDaxMatchesAll = deviceDaxMatchesAll;
    }

    /// <summary>
    /// Before v6.3 device_dax has <c>match_always</c> and every other driver (kmem) needs a new_id entry;
    /// from v6.3 the region type decides (IORESOURCE_DAX_KMEM).
    /// </summary>
    /// <summary>A deep copy: lists copied, devices copied (regions are immutable records, shared).</summary>
    internal DaxBus Copy()
    {
        var copy = new DaxBus(DeviceDaxMatchesAll);
        copy._regions.AddRange(_regions);
        copy._devices.AddRange(_devices.Select(d => d.Copy()));
        copy._kmemIds.AddRange(_kmemIds);
        copy._deviceDaxIds.AddRange(_deviceDaxIds);
        foreach (var (region, seed) in _seeds)
        {
            copy._seeds.Add(region, seed);
        }

        return copy;
    }

    public bool DeviceDaxMatchesAll { get; }

    public IReadOnlyList<DaxRegion> Regions => _regions;

    public IReadOnlyList<DaxDevice> Devices => _devices;

    public DaxDevice? Find(string name) => _devices.Find(d => d.Name == name);

    public DaxRegion? Region(int id) => _regions.Find(r => r.Id == id);

    /// <summary>The driver's dynamic id list (<c>dax_drv->ids</c>).</summary>
    public IReadOnlyList<string> Ids(DaxDriver driver) => driver == DaxDriver.Kmem ? _kmemIds : _deviceDaxIds;

    /// <summary>Whether the driver would bind the device.</summary>
    /// <remarks>drivers/dax/bus.c <c>dax_bus_match()</c>: a new_id entry, else the region's type (CONFIG_DEV_DAX_KMEM=y); v6.1: match_always.</remarks>
    public bool Matches(DaxDriver driver, DaxDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (Ids(driver).Contains(device.Name))
        {
            return true;
        }

        if (DeviceDaxMatchesAll)
        {
            return driver == DaxDriver.DeviceDax;
        }

        var kmemRegion = Region(device.RegionId)?.Kmem ?? false;
        return driver == (kmemRegion ? DaxDriver.Kmem : DaxDriver.DeviceDax);
    }

    /// <summary><c>dax_region-&gt;seed</c>: the device dax_region/seed names, or null.</summary>
    public string? Seed(int regionId) => _seeds.GetValueOrDefault(regionId);

    /// <summary>Devices of a region, in id order.</summary>
    public IEnumerable<DaxDevice> DevicesOf(int regionId) => _devices.Where(d => d.RegionId == regionId).OrderBy(d => d.Id);

    /// <summary><c>dax_region_avail_size()</c>: region size minus every device's ranges.</summary>
    public ByteSize AvailableSize(DaxRegion region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return DevicesOf(region.Id).Aggregate(region.Size, (a, d) => a - d.Size);
    }

    internal void AddRegion(DaxRegion region) => _regions.Add(region);

    internal void RemoveRegion(int id)
    {
        _regions.RemoveAll(r => r.Id == id);
        _seeds.Remove(id);
    }

    internal void RemoveDevice(string name) => _devices.RemoveAll(d => d.Name == name);

    internal void SetSeed(int regionId, string? seed) => _seeds[regionId] = seed;

    internal void AddDevice(DaxDevice device) => _devices.Add(device);

    internal void AddId(DaxDriver driver, string name) => (driver == DaxDriver.Kmem ? _kmemIds : _deviceDaxIds).Add(name);

    internal void RemoveId(DaxDriver driver, string name) => (driver == DaxDriver.Kmem ? _kmemIds : _deviceDaxIds).Remove(name);
}
