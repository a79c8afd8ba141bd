using HotplugCluster.Kernel;
using HotplugCluster.Kernel.Sysfs;

namespace HotplugCluster.Simulation.Shell;

/// <summary>
/// daxctl's device commands over the simulated sysfs only, in libdaxctl's order of reads and writes and with its
/// messages (ndctl daxctl/device.c, daxctl/lib/libdaxctl.c; reference §6.4). stdout and stderr both go to
/// <c>output</c>, as a terminal shows them. Each command returns daxctl's return code (0, 1, or a negative errno).
/// </summary>
internal sealed partial class Daxctl(ShellSysfs fs, TextWriter output)
{
    /// <summary><c>cmd_reconfig_device()</c>.</summary>
    public int Reconfigure(DaxctlReconfigureCommand c) =>
        ForDevice(c.Device, "reconfiguring devices", "reconfigured", dev =>
        {
            var rc = c.Mode == "system-ram" ? ToSystemRam(dev, c) : ToDevdax(dev, c.Force);
            if (rc < 0)
            {
                return rc;
            }

            // do_reconfig(): a positive "already in that mode" still prints the device and counts it.
            output.Write(DaxctlJson.Array([DaxctlJson.Device(dev)]));
            return 0;
        });

    /// <summary><c>cmd_online_memory()</c> → <c>do_xline()</c>.</summary>
    public int OnlineMemory(DaxctlOnlineCommand c) =>
        ForDevice(c.Device, "onlining memory", "onlined memory for", dev =>
            dev.SystemRam ? OnlineMemory(dev, c.NoMovable) : NotApplicable(dev));

    /// <summary><c>cmd_offline_memory()</c> → <c>do_xline()</c>.</summary>
    public int OfflineMemory(DaxctlOfflineCommand c) =>
        ForDevice(c.Device, "offlining memory", "offlined memory for", dev =>
            dev.SystemRam ? OfflineMemory(dev) : NotApplicable(dev));

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
    private int ForDevice(string device, string failing, string done, Func<DaxDeviceView, int> run)
    {
        var rc = Errno.ENXIO.KernelReturn;
        var processed = 0;
        foreach (var dev in Devices().Where(d => device == "all" || d.Name == device))
        {
            rc = run(dev);
            if (rc == 0)
            {
                processed++;
            }
        }

        if (rc < 0)
        {
            output.WriteLine($"error {failing}: {Errno.FromCode(-rc).Message}");
        }

        output.WriteLine($"{done} {processed} device{(processed == 1 ? string.Empty : "s")}");
        return rc;
    }

    private int NotApplicable(DaxDeviceView dev)
    {
        output.WriteLine($"{dev.Name}: memory operations are not applicable in devdax mode");
        return Errno.ENXIO.KernelReturn;
    }
}
