using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// An ACPI eject of a DIMM: offline every memory block of the device (re-online all on failure, "Offline failed."),
/// then <c>__remove_memory()</c> and drop the group (drivers/acpi/acpi_memhotplug.c
/// <c>acpi_memory_remove_memory()</c>).
/// </summary>
/// <remarks>drivers/acpi/scan.c <c>acpi_scan_try_to_offline()</c>, drivers/acpi/acpi_memhotplug.c <c>acpi_memory_remove_memory()</c>.</remarks>
public sealed class AcpiMemoryDeviceEject(string name, int? signalAfterAttempts = null) : KernelOperation
{
    public override string Name => "acpi_scan_hot_remove";

    public override IEnumerable<KernelStep> Steps()
    {
        Acpi.AcpiMemoryDevice? dev = null;
        var online = new List<BlockId>();
        yield return Acquire(KernelLock.DeviceHotplug);
        yield return Work("find device", StateOwner.Host, KernelLock.DeviceHotplug, s =>
        {
            dev = s.AcpiMemoryDevices.FirstOrDefault(d => d.Name == name);
            if (dev is null)
            {
                return StepResult.Fail(Errno.ENODEV);
            }

            online.AddRange(s.Blocks.IdsIn(dev.Start, dev.Size).Where(id => s.Blocks[id].State != MemoryBlockState.Offline));
            return StepResult.Ok();
        });
        if (Last.Failed)
        {
            Error = Last.Error;
            yield return Release(KernelLock.DeviceHotplug);
            yield break;
        }

        var offlined = new List<BlockId>();
        Errno? error = null;
        foreach (var id in online)
        {
            var off = new MemoryBlockOffline(id, signalAfterAttempts);
            foreach (var s in off.Steps())
            {
                yield return s;
            }

            if (off.Error is { } e)
            {
                error = e;
                break;
            }

            offlined.Add(id);
        }

        if (error is not null)
        {
            foreach (var id in offlined)
            {
                foreach (var s in new MemoryBlockOnline(id, null).Steps())
                {
                    yield return s;
                }
            }

            yield return Work("log", StateOwner.Host, KernelLock.DeviceHotplug, _ =>
                StepResult.Ok(new KernelLogged($"acpi PNP0C80:{name}: Offline failed.")));
            Error = Errno.EBUSY;
            yield return Release(KernelLock.DeviceHotplug);
            yield break;
        }

        var remove = new RemoveMemory(dev!.Start, dev.Size, takeLock: false);
        foreach (var s in remove.TryRemoveMemory())
        {
            yield return s;
        }

        yield return Work("acpi_memory_device_free", StateOwner.MemoryGroups, KernelLock.DeviceHotplug, _ =>
            StepResult.Ok(new MemoryGroupUnregistered(dev.Mgid), new AcpiMemoryDeviceRemoved(name)));
        yield return Release(KernelLock.DeviceHotplug);
    }
}
