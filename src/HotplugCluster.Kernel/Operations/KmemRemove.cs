using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Hotplug;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// <c>dev_dax_kmem_remove()</c>: <c>remove_memory()</c> per range; a failure logs "cannot be hotremoved until
/// the next reboot" and leaks the resource, the group and the drvdata on purpose. Never fails.
/// </summary>
/// <remarks>drivers/dax/kmem.c.</remarks>
public sealed class KmemRemove(string device) : KernelOperation
{
    public override string Name => "dev_dax_kmem_remove";

    protected override string? TargetOf(StateOwner owner) => owner == StateOwner.DaxDevice ? device : null;

    public override IEnumerable<KernelStep> Steps()
    {
        Dax.KmemData? data = null;
        var nrRange = 0;
        yield return Work("dev_get_drvdata", StateOwner.DaxDevice, KernelLock.DaxDevice, s =>
        {
            // device_release_driver_internal() re-checks dev->driver under the lock: a device deleted meanwhile (a CXL
            // region teardown) has nothing left to remove.
            if (s.Dax.Find(device) is not { Driver: Dax.DaxDriver.Kmem } dev)
            {
                return StepResult.Ok();
            }

            data = dev.Kmem;
            nrRange = dev.Ranges.Length;
            return StepResult.Ok();
        });
        if (data is null)
        {
            yield break;
        }

        var success = 0;
        var i = 0;
        foreach (var range in data.Ranges)
        {
            var index = i++;
            if (!range.Added)
            {
                success++;
                continue;
            }

            var remove = Nested(new RemoveMemory(range.Start, range.Size));
            foreach (var s in remove.Steps())
            {
                yield return s;
            }

            if (remove.Error is null)
            {
                success++;

                // Before e686c32590f4 (v6.3): release_resource() instead of remove_resource(): "daxX.Y" leaves the tree
                // with whatever is still under it (the "System RAM (kmem)" the broken walk did not release).
                yield return Work("remove_resource", StateOwner.Resources, KernelLock.DaxDevice, s =>
                    (s.Bugs & Settings.KernelBugs.LeakOfMemoryHotplugResources) != 0
                        ? StepResult.Ok(new ResourceReleasedWithChildren(range.Start, range.Size, device))
                        : StepResult.Ok(new ResourceRemoved(range.Start, range.Size, device)));
            }
            else
            {
                var end = range.Start.Value + range.Size.Bytes - 1;
                yield return Work("any_hotremove_failed", StateOwner.Host, KernelLock.DaxDevice, _ => StepResult.Ok(
                    new HotremoveFailed(),
                    new KernelLogged($"kmem {device}: mapping{index}: {KernelFormat.Hex(range.Start.Value)}-{KernelFormat.Hex(end)} cannot be hotremoved until the next reboot")));
            }
        }

        // Compared with dev_dax->nr_range, so a range too small to hot-add keeps the group forever (kmem.c).
        var all = success >= nrRange;
        yield return Work(all ? "memory_group_unregister" : "leak drvdata", StateOwner.MemoryGroups, KernelLock.DaxDevice, _ => all
            ? StepResult.Ok(new MemoryGroupUnregistered(data.Mgid), new KmemDataSet(device, null))
            : StepResult.Ok(new KmemDataSet(device, data with { Leaked = true })));
    }
}
