using HotplugCluster.Kernel;
using HotplugCluster.Kernel.Sysfs;

namespace HotplugCluster.Simulation.Shell;

/// <summary>Mode changes: <c>reconfig_mode_system_ram()</c>, <c>reconfig_mode_devdax()</c> and libdaxctl's bind / unbind.</summary>
internal sealed partial class Daxctl
{
    /// <remarks>daxctl/device.c <c>reconfig_mode_system_ram()</c> (with the auto-online policy check of ndctl v78+).</remarks>
    private IEnumerable<SysfsWriteRequest> ToSystemRam(DaxDeviceView dev, DaxctlReconfigureCommand c, Rc rc)
    {
        if ((c.NoOnline || !c.NoMovable) && !c.Force && WillAutoOnline())
        {
            output.WriteLine($"{dev.Name}: error: kernel policy will auto-online memory, aborting");
            rc.Value = Errno.EBUSY.KernelReturn;
            yield break;
        }

        var skipEnable = false;
        if (dev.Enabled)
        {
            // disable_devdax_device()
            if (dev.SystemRam)
            {
                output.WriteLine($"{dev.Name} was already in system-ram mode");
                skipEnable = true;
            }
            else
            {
                foreach (var w in DisableOrSay(dev, rc))
                {
                    yield return w;
                }

                if (rc.Value != 0)
                {
                    yield break;
                }
            }
        }

        if (!skipEnable)
        {
            foreach (var w in Enable(dev, "kmem", rc))
            {
                yield return w;
            }

            if (rc.Value != 0)
            {
                yield break;
            }
        }

        rc.Value = 0;
        if (!c.NoOnline)
        {
            foreach (var w in OnlineMemory(dev, c.NoMovable, rc))
            {
                yield return w;
            }
        }
    }

    /// <remarks>daxctl/device.c <c>reconfig_mode_devdax()</c> → <c>disable_system_ram_device()</c>.</remarks>
    private IEnumerable<SysfsWriteRequest> ToDevdax(DaxDeviceView dev, bool force, Rc rc)
    {
        if (dev.Enabled)
        {
            if (!dev.SystemRam)
            {
                output.WriteLine($"{dev.Name} was already in devdax mode");
                rc.Value = 1;
                yield break;
            }

            if (force)
            {
                foreach (var w in OfflineMemory(dev, rc))
                {
                    yield return w;
                }

                if (rc.Value < 0)
                {
                    yield break;
                }
            }

            if (dev.MemoryBlocks().Count(dev.IsOnline) is var online and > 0)
            {
                if (_common.Verbose)
                {
                    output.WriteLine($"{dev.Name}: found {online} memory sections online\n{dev.Name}: refusing to change modes");
                }

                rc.Value = Errno.EBUSY.KernelReturn;
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
        }

        foreach (var w in Enable(dev, "device_dax", rc))
        {
            yield return w;
        }
    }

    /// <summary><c>daxctl_dev_will_auto_online_memory()</c>: auto_online_blocks starts with "online".</summary>
    private bool WillAutoOnline() =>
        fs.ReadLine($"{SysfsPath.Memory}/auto_online_blocks") is { } policy && policy.StartsWith("online", StringComparison.Ordinal);

    /// <summary><see cref="Disable"/>, and daxctl/device.c's "DEV: disable failed: ERROR" when it fails.</summary>
    private IEnumerable<SysfsWriteRequest> DisableOrSay(DaxDeviceView dev, Rc rc)
    {
        foreach (var w in Disable(dev, rc))
        {
            yield return w;
        }

        if (rc.Value != 0)
        {
            output.WriteLine($"{dev.Name}: disable failed: {Errno.FromCode(-rc.Value).Message}");
        }
    }

    /// <summary>
    /// <c>daxctl_dev_disable()</c>: write the device name to <c>driver/remove_id</c>, then (if that worked)
    /// <c>driver/unbind</c>; -EBUSY "failed to disable" when the driver link is still there.
    /// </summary>
    private IEnumerable<SysfsWriteRequest> Disable(DaxDeviceView dev, Rc rc)
    {
        rc.Value = 0;
        if (!dev.Enabled)
        {
            yield break;
        }

        // daxctl_unbind(): a failed remove_id write skips the unbind; either way only the link decides.
        var dir = $"{SysfsPath.DaxDevices}/{dev.Name}/driver";
        var removeId = Write($"{dir}/remove_id", dev.Name + "\n");
        yield return removeId;
        if (removeId.Result.Ok)
        {
            yield return Write($"{dir}/unbind", dev.Name + "\n");
        }

        if (dev.Enabled)
        {
            output.WriteLine($"libdaxctl: daxctl_dev_disable: {dev.Name}: failed to disable");
            rc.Value = Errno.EBUSY.KernelReturn;
        }
    }

    /// <summary>
    /// <c>daxctl_dev_enable()</c>: nothing when already enabled; else write the name to the driver's <c>new_id</c>,
    /// then <c>bind</c>, and check that the <c>driver</c> link now exists (-ENXIO "failed to enable" otherwise).
    /// The writes' own errors are not checked: new_id usually attaches the device already (the kernel's
    /// <c>do_id_store()</c> runs <c>driver_attach()</c>), so the bind that follows fails with -EBUSY harmlessly.
    /// </summary>
    private IEnumerable<SysfsWriteRequest> Enable(DaxDeviceView dev, string driver, Rc rc)
    {
        rc.Value = 0;
        if (dev.Enabled)
        {
            yield break;
        }

        var dir = $"{SysfsPath.DaxDrivers}/{driver}";
        yield return Write($"{dir}/new_id", dev.Name + "\n");
        yield return Write($"{dir}/bind", dev.Name + "\n");
        if (!dev.Enabled)
        {
            output.WriteLine($"libdaxctl: daxctl_dev_enable: {dev.Name}: failed to enable");
            rc.Value = Errno.ENXIO.KernelReturn;
        }
    }
}
