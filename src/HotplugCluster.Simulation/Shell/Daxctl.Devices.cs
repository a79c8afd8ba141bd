using HotplugCluster.Kernel;
using HotplugCluster.Kernel.Sysfs;

namespace HotplugCluster.Simulation.Shell;

/// <summary>The dynamic-region verbs: <c>create-device</c>, <c>destroy-device</c>, <c>enable-device</c>, <c>disable-device</c> (daxctl/device.c).</summary>
internal sealed partial class Daxctl
{
    /// <summary><c>cmd_create_device()</c> → <c>do_xaction_region()</c> → <c>do_create()</c> in every region the filter matches.</summary>
    public IEnumerable<SysfsWriteRequest> Create(DaxctlCreateCommand c, Rc result)
    {
        _common = c.Common;
        result.Value = Errno.ENXIO.KernelReturn;
        var processed = 0;
        string? json = null;
        foreach (var (region, _) in Regions().Where(r => r.Region.Matches(_common.Region)).ToList())
        {
            var rc = new Rc();
            DaxDeviceView? created = null;
            foreach (var w in CreateIn(region, c, rc, d => created = d))
            {
                yield return w;
            }

            result.Value = rc.Value;
            if (rc.Value == 0)
            {
                processed++;
                json = DaxctlJson.Display([DaxctlJson.Device(created!, _common.Human)], _common.Human);
            }
        }

        if (json is not null)
        {
            output.Write(json);
        }

        Summary("creating devices", "created", result.Value, processed);
    }

    /// <remarks>daxctl/device.c <c>do_create()</c>: "1" to create, find the seed, align, size (the region's available size by default), then enable as devdax.</remarks>
    private IEnumerable<SysfsWriteRequest> CreateIn(DaxRegionView region, DaxctlCreateCommand c, Rc rc, Action<DaxDeviceView> created)
    {
        rc.Value = Errno.ENOSPC.KernelReturn;
        var create = Write(region.Attribute("create"), "1");
        yield return create;
        if (!create.Result.Ok || fs.ReadLine(region.Attribute("seed")) is not { } seed
            || !(fs.List(SysfsPath.DaxDevices) ?? []).Contains(seed))
        {
            yield break;
        }

        var dev = new DaxDeviceView(fs, seed);
        var size = c.Size == -1 ? (long)region.AvailableSize : c.Size;
        if (size <= 0)
        {
            yield break;
        }

        var steps = new List<(string Attribute, long Value)>();
        if (c.Align > 0)
        {
            steps.Add(("align", c.Align));
        }

        steps.Add(("size", size));
        foreach (var (attribute, value) in steps)
        {
            foreach (var w in SetAttribute(dev, attribute, (ulong)value, rc))
            {
                yield return w;
            }

            if (rc.Value < 0)
            {
                yield break;
            }
        }

        foreach (var w in Enable(dev, "device_dax", rc))
        {
            yield return w;
        }

        if (rc.Value != 0)
        {
            output.WriteLine($"{dev.Name}: enable failed: {Errno.FromCode(-rc.Value).Message}");
            yield break;
        }

        created(dev);
    }

    /// <summary><c>cmd_destroy_device()</c> → <c>dev_destroy()</c>: refuse an active device without <c>-f</c>, disable, size 0, then <c>delete</c>.</summary>
    public IEnumerable<SysfsWriteRequest> Destroy(DaxctlDestroyCommand c, Rc result)
    {
        _common = c.Common;
        return ForDevice(c.Device, "destroying devices", "destroyed", result, (dev, rc) => DestroyOne(dev, c.Force, rc));
    }

    private IEnumerable<SysfsWriteRequest> DestroyOne(DaxDeviceView dev, bool force, Rc rc)
    {
        if (dev.Enabled && !force)
        {
            output.WriteLine($"{dev.Name} is active, specify --force for deletion");
            rc.Value = Errno.ENXIO.KernelReturn;
            yield break;
        }

        foreach (var w in DisableOrSay(dev, rc))
        {
            yield return w;
        }

        if (rc.Value != 0)
        {
            yield break;
        }

        foreach (var w in SetAttribute(dev, "size", 0, rc))
        {
            yield return w;
        }

        if (rc.Value < 0)
        {
            yield break;
        }

        // daxctl_region_destroy_dev(): the device name to the region's delete; the write's errno is the result.
        var delete = Write(new DaxRegionView(fs, dev.RegionId).Attribute("delete"), dev.Name);
        yield return delete;
        rc.Value = delete.Result.Ok ? 0 : delete.Result.Error!.Value.KernelReturn;
    }

    /// <summary><c>cmd_enable_device()</c> / <c>cmd_disable_device()</c> → <c>do_xble()</c>: devdax-mode devices only.</summary>
    public IEnumerable<SysfsWriteRequest> EnableOrDisable(DaxctlEnableCommand c, Rc result)
    {
        _common = c.Common;
        return c.Disable
            ? ForDevice(c.Device, "disabling device", "disabled", result, (dev, rc) => Toggle(dev, true, rc))
            : ForDevice(c.Device, "enabling device", "enabled", result, (dev, rc) => Toggle(dev, false, rc));
    }

    private IEnumerable<SysfsWriteRequest> Toggle(DaxDeviceView dev, bool disable, Rc rc)
    {
        if (dev.SystemRam)
        {
            output.WriteLine($"{dev.Name}: status operations are only applicable in devdax mode");
            rc.Value = Errno.ENXIO.KernelReturn;
            yield break;
        }

        foreach (var w in disable ? DisableOrSay(dev, rc) : Enable(dev, "device_dax", rc))
        {
            yield return w;
        }

        if (rc.Value != 0 && !disable)
        {
            output.WriteLine($"{dev.Name}: enable failed: {Errno.FromCode(-rc.Value).Message}");
        }
    }
}
