using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.Resources;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// <c>dev_dax_kmem_probe()</c>: align to blocks, register a static memory group, then per range reserve
/// daxX.Y and add "System RAM (kmem)". Partial success is success; a first-range failure is fatal (§6.1).
/// </summary>
/// <remarks>drivers/dax/kmem.c (v6.8; v6.1 never passes MHP_MEMMAP_ON_MEMORY).</remarks>
public sealed class KmemProbe(string device) : KernelOperation
{
    private const string KmemName = "System RAM (kmem)";

    public override string Name => "dev_dax_kmem_probe";

    protected override string? TargetOf(StateOwner owner) => owner == StateOwner.DaxDevice ? device : null;

    public override IEnumerable<KernelStep> Steps()
    {
        PhysAddr start = default;
        ByteSize len = default;
        var mgid = -1;
        var prefix = $"kmem {device}: ";
        yield return Work("dax_kmem_range", StateOwner.DaxDevice, KernelLock.DaxDevice, s =>
        {
            var dev = s.Dax.Find(device)!;
            if (!dev.TargetNode.IsValid)
            {
                return StepResult.Fail(Errno.EINVAL, new KernelLogged($"{prefix}rejecting DAX region with invalid node: {dev.TargetNode.Value}"));
            }

            var bs = s.BlockSize;
            start = dev.Start.AlignUp(bs);
            var end = (dev.Start + dev.Size).AlignDown(bs);
            var events = new List<KernelEvent>();
            if (start >= end)
            {
                events.Add(new KernelLogged(
                    $"{prefix}mapping0: {KernelFormat.Hex(dev.Start.Value)}-{KernelFormat.Hex(dev.Start.Value + dev.Size.Bytes - 1)} too small after alignment"));
                events.Add(new KernelLogged($"{prefix}rejecting DAX region without any memory after alignment"));
                return StepResult.Fail(Errno.EINVAL, [.. events]);
            }

            len = end - start;
            // The truncation warning is newer than v6.1's kmem (which truncates silently).
            if (len != dev.Size && s.Version != KernelVersion.V6_1)
            {
                events.Add(new KernelLogged($"{prefix}DAX region truncated by {KernelFormat.Size(dev.Size - len)} due to alignment"));
            }

            return StepResult.Ok(events);
        });
        if (Last.Failed)
        {
            Error = Last.Error;
            yield break;
        }

        yield return Work("memory_group_register_static", StateOwner.MemoryGroups, KernelLock.DaxDevice, s =>
        {
            mgid = s.Groups.NextId;
            return StepResult.Ok(new MemoryGroupRegistered(mgid, s.Dax.Find(device)!.TargetNode, len.ToPagesRoundUp()));
        });
        yield return Work("request_mem_region", StateOwner.Resources, KernelLock.DaxDevice, s =>
        {
            if (!s.Resources.CanRequest(start, len))
            {
                return StepResult.Fail(Errno.EBUSY, new KernelLogged(
                    $"{prefix}mapping0: {KernelFormat.Hex(start.Value)}-{KernelFormat.Hex(start.Value + len.Bytes - 1)} could not reserve region"));
            }

            // res->flags = IORESOURCE_SYSTEM_RAM: BUSY stays clear so "System RAM (kmem)" can nest below.
            return StepResult.Ok(
                new ResourceRequested(start, len, device, ResourceKind.Mem | ResourceKind.Busy),
                new ResourceKindChanged(start, len, device, ResourceKind.Mem | ResourceKind.SystemRam));
        });
        if (!Last.Failed)
        {
            var flags = Mhp.NidIsMgid;
            AddMemory? add = null;
            yield return Work("mhp flags", StateOwner.DaxDevice, KernelLock.DaxDevice, s =>
            {
                if (s.Version != KernelVersion.V6_1 && s.Dax.Find(device)!.MemmapOnMemory)
                {
                    flags |= Mhp.MemmapOnMemory;
                }

                add = new AddMemory(new AddMemoryRequest(AddMemoryVariant.DriverManaged, mgid, start, len, KmemName, flags));
                return StepResult.Ok();
            });
            foreach (var s in add!.Steps())
            {
                yield return s;
            }

            if (add.Error is { } e)
            {
                yield return Work("remove_resource", StateOwner.Resources, KernelLock.DaxDevice, _ => StepResult.Fail(e,
                    new KernelLogged($"{prefix}mapping0: {KernelFormat.Hex(start.Value)}-{KernelFormat.Hex(start.Value + len.Bytes - 1)} memory add failed"),
                    new ResourceRemoved(start, len, device)));
            }
        }

        if (Last.Failed)
        {
            // Only one range per device in this model, so a failed range is the first: unwind.
            Error = Last.Error;
            yield return Work("memory_group_unregister", StateOwner.MemoryGroups, KernelLock.DaxDevice, _ =>
                StepResult.Ok(new MemoryGroupUnregistered(mgid)));
            yield break;
        }

        yield return Work("dev_set_drvdata", StateOwner.DaxDevice, KernelLock.DaxDevice, _ =>
            StepResult.Ok(new KmemDataSet(device, new KmemData(mgid, [new KmemRange(start, len, true)], Leaked: false))));
    }
}
