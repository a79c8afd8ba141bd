using System.Collections.Immutable;
using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.Resources;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// <c>dev_dax_kmem_probe()</c>: align each range to blocks, register a static memory group, then per range
/// reserve daxX.Y and add "System RAM (kmem)". Partial success is success; a failure before any range
/// was mapped unwinds and fails.
/// </summary>
/// <remarks>drivers/dax/kmem.c (v6.8; v6.1 never passes MHP_MEMMAP_ON_MEMORY and has no truncation warning).</remarks>
public sealed class KmemProbe(string device) : KernelOperation
{
    private const string KmemName = "System RAM (kmem)";

    public override string Name => "dev_dax_kmem_probe";

    protected override string? TargetOf(StateOwner owner) => owner == StateOwner.DaxDevice ? device : null;

    public override IEnumerable<KernelStep> Steps()
    {
        var ranges = new List<DaxRange?>();
        var total = ByteSize.Zero;
        var mgid = -1;
        var prefix = $"kmem {device}: ";
        yield return Work("dax_kmem_range", StateOwner.DaxDevice, KernelLock.DaxDevice, s =>
        {
            var dev = s.Dax.Find(device)!;
            if (!dev.TargetNode.IsValid)
            {
                return StepResult.Fail(Errno.EINVAL, new KernelLogged($"{prefix}rejecting DAX region with invalid node: {dev.TargetNode.Value}"));
            }

            var events = new List<KernelEvent>();
            for (var i = 0; i < dev.Ranges.Length; i++)
            {
                var r = dev.Ranges[i];
                var start = r.Start.AlignUp(s.BlockSize);
                var end = (r.Start + r.Size).AlignDown(s.BlockSize);
                if (start >= end)
                {
                    ranges.Add(null);
                    events.Add(new KernelLogged($"{prefix}mapping{i}: {KernelFormat.Hex(r.Start.Value)}-{KernelFormat.Hex(r.End.Value)} too small after alignment"));
                    continue;
                }

                ranges.Add(new DaxRange(start, end - start));
                total += end - start;
            }

            if (total.IsZero)
            {
                events.Add(new KernelLogged($"{prefix}rejecting DAX region without any memory after alignment"));
                return StepResult.Fail(Errno.EINVAL, [.. events]);
            }

            if (total != dev.Size && s.Version != KernelVersion.V6_1)
            {
                events.Add(new KernelLogged($"{prefix}DAX region truncated by {KernelFormat.Size(dev.Size - total)} due to alignment"));
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
            return StepResult.Ok(new MemoryGroupRegistered(mgid, s.Dax.Find(device)!.TargetNode, total.ToPagesRoundUp()));
        });

        var mapped = 0;
        var added = ImmutableArray.CreateBuilder<KmemRange>();
        Errno? error = null;
        for (var i = 0; i < ranges.Count && error is null; i++)
        {
            if (ranges[i] is not { } range)
            {
                continue;
            }

            var index = i;
            yield return Work("request_mem_region", StateOwner.Resources, KernelLock.DaxDevice, s =>
            {
                if (!s.Resources.CanRequest(range.Start, range.Size))
                {
                    return StepResult.Fail(Errno.EBUSY, new KernelLogged(
                        $"{prefix}mapping{index}: {KernelFormat.Hex(range.Start.Value)}-{KernelFormat.Hex(range.End.Value)} could not reserve region"));
                }

                // res->flags = IORESOURCE_SYSTEM_RAM: BUSY stays clear so "System RAM (kmem)" can nest below.
                return StepResult.Ok(
                    new ResourceRequested(range.Start, range.Size, device, ResourceKind.Mem | ResourceKind.Busy),
                    new ResourceKindChanged(range.Start, range.Size, device, ResourceKind.Mem | ResourceKind.SystemRam));
            });
            if (Last.Failed)
            {
                // "Once some memory has been onlined we can't assume that it can be un-onlined safely."
                error = mapped > 0 ? null : Last.Error;
                continue;
            }

            AddMemory? add = null;
            yield return Work("mhp flags", StateOwner.DaxDevice, KernelLock.DaxDevice, s =>
            {
                var flags = Mhp.NidIsMgid;
                if (s.Version != KernelVersion.V6_1 && s.Dax.Find(device)!.MemmapOnMemory)
                {
                    flags |= Mhp.MemmapOnMemory;
                }

                add = new AddMemory(new AddMemoryRequest(AddMemoryVariant.DriverManaged, mgid, range.Start, range.Size, KmemName, flags));
                return StepResult.Ok();
            });
            foreach (var s in add!.Steps())
            {
                yield return s;
            }

            if (add.Error is { } e)
            {
                yield return Work("remove_resource", StateOwner.Resources, KernelLock.DaxDevice, _ => StepResult.Ok(
                    new KernelLogged($"{prefix}mapping{index}: {KernelFormat.Hex(range.Start.Value)}-{KernelFormat.Hex(range.End.Value)} memory add failed"),
                    new ResourceRemoved(range.Start, range.Size, device)));
                added.Add(new KmemRange(range.Start, range.Size, false));
                error = mapped > 0 ? null : e;
                continue;
            }

            added.Add(new KmemRange(range.Start, range.Size, true));
            mapped++;
        }

        if (error is not null)
        {
            Error = error;
            yield return Work("memory_group_unregister", StateOwner.MemoryGroups, KernelLock.DaxDevice, _ =>
                StepResult.Ok(new MemoryGroupUnregistered(mgid)));
            yield break;
        }

        yield return Work("dev_set_drvdata", StateOwner.DaxDevice, KernelLock.DaxDevice, _ =>
            StepResult.Ok(new KmemDataSet(device, new KmemData(mgid, added.ToImmutable(), Leaked: false))));
    }
}
