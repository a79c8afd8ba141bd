using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// A DIMM hot-add as QEMU's pc-dimm triggers it: <c>acpi_memory_device_add()</c> → a static memory group, then
/// <c>__add_memory()</c> of "System RAM" under device_hotplug_lock; -EEXIST counts as present
/// (drivers/acpi/acpi_memhotplug.c <c>acpi_memory_enable_device()</c>).
/// </summary>
/// <remarks>drivers/acpi/acpi_memhotplug.c <c>acpi_memory_enable_device()</c>: v6.6+ always passes MHP_MEMMAP_ON_MEMORY; earlier only for one block.</remarks>
public sealed class AcpiMemoryDeviceAdd(string name, NodeId node, PhysAddr start, ByteSize size) : KernelOperation
{
    public override string Name => "acpi_memory_device_add";

    public override IEnumerable<KernelStep> Steps()
    {
        var mgid = -1;
        yield return Acquire(KernelLock.DeviceHotplug);
        yield return Work("memory_group_register_static", StateOwner.MemoryGroups, KernelLock.DeviceHotplug, s =>
        {
            if (s.Node(node) is null || size.IsZero)
            {
                return StepResult.Fail(Errno.EINVAL);
            }

            mgid = s.Groups.NextId;
            return StepResult.Ok(new MemoryGroupRegistered(mgid, node, size.ToPagesRoundUp()));
        });
        if (Last.Failed)
        {
            Error = Last.Error;
            yield return Release(KernelLock.DeviceHotplug);
            yield break;
        }

        var flags = Mhp.NidIsMgid;
        yield return Work("mhp_flags", StateOwner.Host, KernelLock.DeviceHotplug, s =>
        {
            if (s.Version != KernelVersion.V6_1 || MemmapOnMemory.Supports(s, size))
            {
                flags |= Mhp.MemmapOnMemory;
            }

            return StepResult.Ok();
        });
        var add = new AddMemory(new AddMemoryRequest(AddMemoryVariant.Locked, mgid, start, size, "System RAM", flags));
        foreach (var s in add.Steps())
        {
            yield return s;
        }

        if (add.Error is { } e && e != Errno.EEXIST)
        {
            Error = Errno.EINVAL;
            yield return Work("acpi_memory_device_free", StateOwner.MemoryGroups, KernelLock.DeviceHotplug, _ => StepResult.Ok(
                new KernelLogged($"acpi PNP0C80:{name}: add_memory failed"),
                new MemoryGroupUnregistered(mgid)));
        }
        else
        {
            yield return Work("enable device", StateOwner.Host, KernelLock.DeviceHotplug, _ =>
                StepResult.Ok(new AcpiMemoryDeviceAdded(name, node, start, size, mgid)));
        }

        yield return Release(KernelLock.DeviceHotplug);
    }
}
