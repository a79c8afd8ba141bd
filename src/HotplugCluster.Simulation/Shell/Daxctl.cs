using HotplugCluster.Kernel;
using HotplugCluster.Kernel.Sysfs;

namespace HotplugCluster.Simulation.Shell;

/// <summary>
/// daxctl's device commands over the simulated sysfs only, in libdaxctl's order of reads and writes and with its
/// messages (ndctl daxctl/device.c, daxctl/lib/libdaxctl.c, ndctl v81). stdout and stderr both go to
/// <c>output</c>, as a terminal shows them. A command is a process: an iterator that yields each sysfs write it makes
/// (<see cref="SysfsWriteRequest"/>) and resumes, reading sysfs again, once the caller has put the write's result in
/// it, so a stress lane can run each write as its own kernel operation (<see cref="DaxctlProcess"/>). Its return code
/// (0, 1, or a negative errno) is left in the <see cref="Rc"/> it is given.
/// </summary>
internal sealed partial class Daxctl(ShellSysfs fs, TextWriter output)
{
    /// <summary><c>cmd_reconfig_device()</c>.</summary>
    public IEnumerable<SysfsWriteRequest> Reconfigure(DaxctlReconfigureCommand c, Rc result) =>
        ForDevice(c.Device, "reconfiguring devices", "reconfigured", result, (dev, rc) => ReconfigureOne(c, dev, rc));

    /// <summary><c>cmd_online_memory()</c> → <c>do_xline()</c>.</summary>
    public IEnumerable<SysfsWriteRequest> OnlineMemory(DaxctlOnlineCommand c, Rc result) =>
        ForDevice(c.Device, "onlining memory", "onlined memory for", result, (dev, rc) =>
            dev.SystemRam ? OnlineMemory(dev, c.NoMovable, rc) : NotApplicable(dev, rc));

    /// <summary><c>cmd_offline_memory()</c> → <c>do_xline()</c>.</summary>
    public IEnumerable<SysfsWriteRequest> OfflineMemory(DaxctlOfflineCommand c, Rc result) =>
        ForDevice(c.Device, "offlining memory", "offlined memory for", result, (dev, rc) =>
            dev.SystemRam ? OfflineMemory(dev, rc) : NotApplicable(dev, rc));

    private IEnumerable<SysfsWriteRequest> ReconfigureOne(DaxctlReconfigureCommand c, DaxDeviceView dev, Rc rc)
    {
        foreach (var w in c.Mode == "system-ram" ? ToSystemRam(dev, c, rc) : ToDevdax(dev, c.Force, rc))
        {
            yield return w;
        }

        if (rc.Value < 0)
        {
            yield break;
        }

        // do_reconfig(): a positive "already in that mode" still prints the device and counts it.
        output.Write(DaxctlJson.Array([DaxctlJson.Device(dev)]));
        rc.Value = 0;
    }

    /// <summary>A write the process makes, submitted by the caller through <see cref="ShellSysfs.Resolve"/>; the caller sets <see cref="SysfsWriteRequest.Result"/>.</summary>
    private SysfsWriteRequest Write(string path, string value) => new(fs.Resolve(path), value);

    /// <summary><c>daxctl list</c>: active devices (all with <c>-i</c>), as a JSON array; nothing when none match.</summary>
    public int List(DaxctlListCommand c)
    {
        var devices = Devices().Where(d => (c.Device is null || c.Device == "all" || c.Device == d.Name) && (c.Idle || d.Enabled)).ToList();
        if (devices.Count > 0)
        {
            output.Write(DaxctlJson.Array([.. devices.Select(DaxctlJson.Device)]));
        }

        return 0;
    }

    /// <summary>Every dax device under /sys/bus/dax/devices, region by region, device by device (libdaxctl's walk).</summary>
    private IEnumerable<DaxDeviceView> Devices() =>
        (fs.List(SysfsPath.DaxDevices) ?? [])
            .Select(n => (Name: n, Key: SortKey(n)))
            .OrderBy(x => x.Key.Region).ThenBy(x => x.Key.Id)
            .Select(x => new DaxDeviceView(fs, x.Name));

    private static (int Region, int Id) SortKey(string name)
    {
        var parts = name["dax".Length..].Split('.');
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary><c>do_xaction_device()</c> plus the cmd_* wrapper: -ENXIO when no device matches, then the summary line.</summary>
    private IEnumerable<SysfsWriteRequest> ForDevice(string device, string failing, string done, Rc result, Func<DaxDeviceView, Rc, IEnumerable<SysfsWriteRequest>> run)
    {
        result.Value = Errno.ENXIO.KernelReturn;
        var processed = 0;
        foreach (var dev in Devices().Where(d => device == "all" || d.Name == device).ToList())
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

        if (result.Value < 0)
        {
            output.WriteLine($"error {failing}: {Errno.FromCode(-result.Value).Message}");
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
