using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Sysfs;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// A write to drivers/X/new_id or remove_id: exactly "daxN.M" (-EINVAL otherwise); new_id then runs
/// <c>driver_attach()</c>, whose probe errors are not returned.
/// </summary>
/// <remarks>drivers/dax/bus.c <c>do_id_store()</c>.</remarks>
public sealed class DaxIdStore(DaxDriver driver, string value, bool add) : KernelOperation
{
    public override string Name => add ? "new_id_store" : "remove_id_store";

    public override IEnumerable<KernelStep> Steps()
    {
        var name = SysfsParse.TrimNewline(value);
        if (!IsDaxName(name))
        {
            Error = Errno.EINVAL;
            yield break;
        }

        yield return Work("dax_bus_lock: update ids", StateOwner.DaxBus, KernelLock.None, s =>
        {
            var present = s.Dax.Ids(driver).Contains(name);
            if (add && !present)
            {
                return StepResult.Ok(new DaxIdAdded(driver, name));
            }

            return !add && present ? StepResult.Ok(new DaxIdRemoved(driver, name)) : StepResult.Ok();
        });
        if (!add)
        {
            yield break;
        }

        var unbound = new List<string>();
        yield return Work("driver_attach: walk bus", StateOwner.DaxBus, KernelLock.None, s =>
        {
            unbound.AddRange(s.Dax.Devices.Where(d => d.Driver == DaxDriver.None && s.Dax.Matches(driver, d)).Select(d => d.Name));
            return StepResult.Ok();
        });
        foreach (var dev in unbound)
        {
            foreach (var s in new DaxDriverAttach(dev, driver, DaxAttachKind.NewId).Steps())
            {
                yield return s;
            }
        }
    }

    /// <summary>What <c>sscanf(buf, "dax%d.%d")</c> then <c>sysfs_streq(buf, devname)</c> accept.</summary>
    private static bool IsDaxName(string s)
    {
        if (!s.StartsWith("dax", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = s[3..].Split('.');
        return parts.Length == 2 && parts.All(p => int.TryParse(p, out var v) && v.ToString() == p);
    }
}
