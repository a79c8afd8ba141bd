using System.Globalization;
using HotplugCluster.Kernel;
using HotplugCluster.Kernel.Sysfs;

namespace HotplugCluster.Simulation.Shell;

/// <summary>
/// daxctl's device commands over the simulated sysfs only, in libdaxctl's order of reads and writes and with its
/// messages (ndctl daxctl/device.c, daxctl/list.c, daxctl/lib/libdaxctl.c; v76). stdout and stderr both go to
/// <c>output</c>, as a terminal shows them. A command is a process: an iterator that yields each sysfs write it makes
/// (<see cref="SysfsWriteRequest"/>) and resumes, reading sysfs again, once the caller has put the write's result in
/// it, so a stress lane can run each write as its own kernel operation (<see cref="DaxctlProcess"/>). Its return code
/// (0, 1, or a negative errno) is left in the <see cref="Rc"/> it is given.
/// </summary>
internal sealed partial class Daxctl(ShellSysfs fs, TextWriter output)
{
    private DaxctlCommonOptions _common = DaxctlCommonOptions.None;

    /// <summary><c>cmd_reconfig_device()</c>.</summary>
    public IEnumerable<SysfsWriteRequest> Reconfigure(DaxctlReconfigureCommand c, Rc result)
    {
        _common = c.Common ?? DaxctlCommonOptions.None;
        return ForDevice(c.Device, "reconfiguring devices", "reconfigured", result, (dev, rc) => ReconfigureOne(c, dev, rc));
    }

    /// <summary><c>cmd_online_memory()</c> → <c>do_xline()</c>.</summary>
    public IEnumerable<SysfsWriteRequest> OnlineMemory(DaxctlOnlineCommand c, Rc result)
    {
        _common = c.Common ?? DaxctlCommonOptions.None;
        return ForDevice(c.Device, "onlining memory", "onlined memory for", result, (dev, rc) =>
            dev.SystemRam ? OnlineMemory(dev, c.NoMovable, rc) : NotApplicable(dev, rc));
    }

    /// <summary><c>cmd_offline_memory()</c> → <c>do_xline()</c>.</summary>
    public IEnumerable<SysfsWriteRequest> OfflineMemory(DaxctlOfflineCommand c, Rc result)
    {
        _common = c.Common ?? DaxctlCommonOptions.None;
        return ForDevice(c.Device, "offlining memory", "offlined memory for", result, (dev, rc) =>
            dev.SystemRam ? OfflineMemory(dev, rc) : NotApplicable(dev, rc));
    }

    /// <summary><c>do_reconfig()</c>: align first, then a resize (which ends it, printing nothing), else the mode change.</summary>
    private IEnumerable<SysfsWriteRequest> ReconfigureOne(DaxctlReconfigureCommand c, DaxDeviceView dev, Rc rc)
    {
        if (c.Align > 0)
        {
            foreach (var w in SetAttribute(dev, "align", (ulong)c.Align, rc))
            {
                yield return w;
            }

            if (rc.Value < 0)
            {
                yield break;
            }
        }

        if (c.Size >= 0)
        {
            foreach (var w in SetAttribute(dev, "size", (ulong)c.Size, rc))
            {
                yield return w;
            }

            yield break;
        }

        var change = c.Mode switch
        {
            "system-ram" => ToSystemRam(dev, c, rc),
            "devdax" => ToDevdax(dev, c.Force, rc),
            _ => UnknownMode(dev, rc),
        };
        foreach (var w in change)
        {
            yield return w;
        }

        if (rc.Value < 0)
        {
            yield break;
        }

        // do_reconfig(): a positive "already in that mode" still prints the device and counts it.
        output.Write(DaxctlJson.Display([DaxctlJson.Device(dev, _common.Human)], _common.Human));
        rc.Value = 0;
    }

    private IEnumerable<SysfsWriteRequest> UnknownMode(DaxDeviceView dev, Rc rc)
    {
        output.WriteLine($"{dev.Name}: unknown mode requested: 0");
        rc.Value = Errno.EINVAL.KernelReturn;
        return [];
    }

    /// <summary>
    /// <c>daxctl_dev_set_size()</c> / <c>daxctl_dev_set_align()</c>: "%#llx\n" to the attribute; a failed write is
    /// -ENXIO with libdaxctl's "failed to set …".
    /// </summary>
    private IEnumerable<SysfsWriteRequest> SetAttribute(DaxDeviceView dev, string attribute, ulong value, Rc rc)
    {
        var request = Write($"{SysfsPath.DaxDevices}/{dev.Name}/{attribute}", (value == 0 ? "0" : string.Create(CultureInfo.InvariantCulture, $"0x{value:x}")) + "\n");
        yield return request;
        rc.Value = 0;
        if (!request.Result.Ok)
        {
            output.WriteLine($"libdaxctl: daxctl_dev_set_{attribute}: {dev.Name}: failed to set {attribute}");
            rc.Value = Errno.ENXIO.KernelReturn;
        }
    }

    /// <summary>A write the process makes, submitted by the caller through <see cref="ShellSysfs.Resolve"/>; the caller sets <see cref="SysfsWriteRequest.Result"/>.</summary>
    private SysfsWriteRequest Write(string path, string value) => new(fs.Resolve(path), value);

    /// <summary>
    /// The dax regions libdaxctl finds (one per daxX.* name under /sys/bus/dax/devices), each with its devices,
    /// in id order; regions with no device are not seen.
    /// </summary>
    private IEnumerable<(DaxRegionView Region, IReadOnlyList<DaxDeviceView> Devices)> Regions() =>
        (fs.List(SysfsPath.DaxDevices) ?? [])
            .Where(n => n.StartsWith("dax", StringComparison.Ordinal) && n.Contains('.', StringComparison.Ordinal))
            .Select(n => new DaxDeviceView(fs, n))
            .GroupBy(d => d.RegionId)
            .OrderBy(g => g.Key)
            .Select(g => (new DaxRegionView(fs, g.Key), (IReadOnlyList<DaxDeviceView>)[.. g.OrderBy(d => d.Id)]));

    /// <summary><c>do_xaction_device()</c> plus the cmd_* wrapper: -ENXIO when no device matches, then the summary line.</summary>
    private IEnumerable<SysfsWriteRequest> ForDevice(string device, string failing, string done, Rc result, Func<DaxDeviceView, Rc, IEnumerable<SysfsWriteRequest>> run)
    {
        result.Value = Errno.ENXIO.KernelReturn;
        var processed = 0;
        var matched = Regions().Where(r => r.Region.Matches(_common.Region)).SelectMany(r => r.Devices).Where(d => d.Matches(device)).ToList();
        foreach (var dev in matched)
        {
            var rc = new Rc();
            foreach (var w in run(dev, rc))
            {
                yield return w;
            }

            result.Value = rc.Value;
            if (rc.Value == 0)
            {
                processed++;
            }
        }

        Summary(failing, done, result.Value, processed);
    }

    private void Summary(string failing, string done, int rc, int processed)
    {
        if (rc < 0)
        {
            output.WriteLine($"error {failing}: {Errno.FromCode(-rc).Message}");
        }

        output.WriteLine($"{done} {processed} device{(processed == 1 ? string.Empty : "s")}");
    }

    private IEnumerable<SysfsWriteRequest> NotApplicable(DaxDeviceView dev, Rc rc)
    {
        output.WriteLine($"{dev.Name}: memory operations are not applicable in devdax mode");
        rc.Value = Errno.ENXIO.KernelReturn;
        return [];
    }
}
