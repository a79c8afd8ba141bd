using HotplugCluster.Kernel;
using HotplugCluster.Kernel.Sysfs;

namespace HotplugCluster.Simulation.Shell;

/// <summary>Mode changes: <c>reconfig_mode_system_ram()</c>, <c>reconfig_mode_devdax()</c> and libdaxctl's bind / unbind.</summary>
internal sealed partial class Daxctl
{
    /// <remarks>daxctl/device.c <c>reconfig_mode_system_ram()</c> (with the auto-online policy check of ndctl v78+).</remarks>
    private int ToSystemRam(DaxDeviceView dev, DaxctlReconfigureCommand c)
    {
        if ((c.NoOnline || !c.NoMovable) && !c.Force && WillAutoOnline())
        {
            output.WriteLine($"{dev.Name}: error: kernel policy will auto-online memory, aborting");
            return Errno.EBUSY.KernelReturn;
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
                var rc = Disable(dev);
                if (rc != 0)
                {
                    output.WriteLine($"{dev.Name}: disable failed: {Errno.FromCode(-rc).Message}");
                    return rc;
                }
            }
        }

        if (!skipEnable)
        {
            var rc = Enable(dev, "kmem");
            if (rc != 0)
            {
                return rc;
            }
        }

        return c.NoOnline ? 0 : OnlineMemory(dev, c.NoMovable);
    }

    /// <remarks>daxctl/device.c <c>reconfig_mode_devdax()</c> → <c>disable_system_ram_device()</c>.</remarks>
    private int ToDevdax(DaxDeviceView dev, bool force)
    {
        if (dev.Enabled)
        {
            if (!dev.SystemRam)
            {
                output.WriteLine($"{dev.Name} was already in devdax mode");
                return 1;
            }

            if (force)
            {
                var off = OfflineMemory(dev);
                if (off < 0)
                {
                    return off;
                }
            }

            if (dev.MemoryBlocks().Any(dev.IsOnline))
            {
                // "found %d memory sections online" / "refusing to change modes" are printed only with --verbose.
                return Errno.EBUSY.KernelReturn;
            }

            var rc = Disable(dev);
            if (rc != 0)
            {
                output.WriteLine($"{dev.Name}: disable failed: {Errno.FromCode(-rc).Message}");
                return rc;
            }
        }

        return Enable(dev, "device_dax");
    }

    /// <summary><c>daxctl_dev_will_auto_online_memory()</c>: auto_online_blocks starts with "online".</summary>
    private bool WillAutoOnline() =>
        fs.ReadLine($"{SysfsPath.Memory}/auto_online_blocks") is { } policy && policy.StartsWith("online", StringComparison.Ordinal);

    /// <summary>
    /// <c>daxctl_dev_disable()</c>: write the device name to <c>driver/remove_id</c>, then (if that worked)
    /// <c>driver/unbind</c>; -EBUSY "failed to disable" when the driver link is still there.
    /// </summary>
    private int Disable(DaxDeviceView dev)
    {
        if (!dev.Enabled)
        {
            return 0;
        }

        // daxctl_unbind(): a failed remove_id write skips the unbind; either way only the link decides.
        var dir = $"{SysfsPath.DaxDevices}/{dev.Name}/driver";
        if (fs.Write($"{dir}/remove_id", dev.Name + "\n").Ok)
        {
            fs.Write($"{dir}/unbind", dev.Name + "\n");
        }

        if (dev.Enabled)
        {
            output.WriteLine($"libdaxctl: daxctl_dev_disable: {dev.Name}: failed to disable");
            return Errno.EBUSY.KernelReturn;
        }

        return 0;
    }

    /// <summary>
    /// <c>daxctl_dev_enable()</c>: nothing when already enabled; else write the name to the driver's <c>new_id</c>,
    /// then <c>bind</c>, and check that the <c>driver</c> link now exists (-ENXIO "failed to enable" otherwise).
    /// The writes' own errors are not checked: new_id usually attaches the device already (the kernel's
    /// <c>do_id_store()</c> runs <c>driver_attach()</c>), so the bind that follows fails with -EBUSY harmlessly.
    /// </summary>
    private int Enable(DaxDeviceView dev, string driver)
    {
        if (dev.Enabled)
        {
            return 0;
        }

        var dir = $"{SysfsPath.DaxDrivers}/{driver}";
        fs.Write($"{dir}/new_id", dev.Name + "\n");
        fs.Write($"{dir}/bind", dev.Name + "\n");
        if (!dev.Enabled)
        {
            output.WriteLine($"libdaxctl: daxctl_dev_enable: {dev.Name}: failed to enable");
            return Errno.ENXIO.KernelReturn;
        }

        return 0;
    }
}
