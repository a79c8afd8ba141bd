using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Sysfs;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// dax_region/create, dax_region/delete and daxX.Y/size: creating a zero-sized seed device,
/// deleting an unbound empty one (never id 0), and resizing an unbound device within the region.
/// </summary>
/// <remarks>drivers/dax/bus.c <c>create_store()</c>, <c>delete_store()</c>, <c>size_store()</c>.</remarks>
public sealed class DaxRegionStore(DaxRegionFile attribute, int regionId, string? device, string value) : KernelOperation
{
    /// <summary><c>memremap_compat_align()</c>: SUBSECTION_SIZE (2 MiB) on x86.</summary>
    private static ByteSize CompatAlign => ByteSize.FromMiB(2);

    public override string Name => attribute switch
    {
        DaxRegionFile.Create => "create_store",
        DaxRegionFile.Delete => "delete_store",
        DaxRegionFile.Align => "align_store",
        _ => "size_store",
    };

    protected override string? TargetOf(StateOwner owner) => owner == StateOwner.DaxDevice ? device : null;

    public override IEnumerable<KernelStep> Steps()
    {
        if (attribute == DaxRegionFile.Align && AlignValue() is { Error: { } invalid })
        {
            Error = invalid;
            yield break;
        }

        yield return Acquire(KernelLock.DaxRegionRwsem);
        if (attribute is DaxRegionFile.Size or DaxRegionFile.Align)
        {
            yield return Acquire(KernelLock.DaxDevRwsem);
            yield return Work(attribute == DaxRegionFile.Size ? "dev_dax_resize" : "dev_dax_validate_align",
                StateOwner.DaxDevice, KernelLock.DaxDevRwsem, attribute == DaxRegionFile.Size ? Resize : SetAlign);
            yield return Release(KernelLock.DaxDevRwsem);
        }
        else
        {
            yield return Work(Name, StateOwner.DaxBus, KernelLock.DaxRegionRwsem, attribute == DaxRegionFile.Create ? Create : Delete);
        }

        Error = Last.Error;
        yield return Release(KernelLock.DaxRegionRwsem);
    }

    private StepResult Create(Host.HostState s)
    {
        var region = s.Dax.Region(regionId)!;
        // All modelled regions are dynamic (CXL); static (pmem) regions hide create.
        var (v, e) = SysfsParse.KstrToInt(value);
        if (e is { } parse)
        {
            return StepResult.Fail(parse);
        }

        if (v != 1)
        {
            return StepResult.Fail(Errno.EINVAL);
        }

        if (s.Dax.AvailableSize(region).IsZero)
        {
            return StepResult.Fail(Errno.ENOSPC);
        }

        var id = 0;
        while (s.Dax.DevicesOf(regionId).Any(d => d.Id == id))
        {
            id++;
        }

        var created = new DaxDeviceCreated(regionId, id, region.Start, ByteSize.Zero, region.TargetNode, region.Align, MemmapOnMemory: false);
        return s.Dax.Seed(regionId) is null
            ? StepResult.Ok(created, new DaxRegionSeedSet(regionId, $"dax{regionId}.{id}"))
            : StepResult.Ok(created);
    }

    private StepResult Delete(Host.HostState s)
    {
        var name = SysfsParse.TrimNewline(value);
        if (s.Dax.DevicesOf(regionId).FirstOrDefault(d => d.Name == name) is not { } victim)
        {
            return StepResult.Fail(Errno.ENXIO);
        }

        // "always preserve device-id-0 so that /sys/bus/dax/ is guaranteed to be populated"
        if (victim.Driver != DaxDriver.None || !victim.Size.IsZero || victim.Id == 0)
        {
            return StepResult.Fail(Errno.EBUSY);
        }

        return s.Dax.Seed(regionId) == name
            ? StepResult.Ok(new DaxDeviceDeleted(name), new DaxRegionSeedSet(regionId, null))
            : StepResult.Ok(new DaxDeviceDeleted(name));
    }

    private StepResult Resize(Host.HostState s)
    {
        var dev = s.Dax.Find(device!)!;
        var region = s.Dax.Region(dev.RegionId)!;
        var (size, e) = KstrToUll(value);
        if (e is not null)
        {
            return StepResult.Fail(e.Value);
        }

        var align = dev.Align > CompatAlign ? dev.Align : CompatAlign;
        if (!size.IsZero && !size.IsMultipleOf(align))
        {
            return StepResult.Fail(Errno.EINVAL);
        }

        if (dev.Driver != DaxDriver.None)
        {
            return StepResult.Fail(Errno.EBUSY);
        }

        if (size == dev.Size)
        {
            return StepResult.Ok();
        }

        if (size > dev.Size && size - dev.Size > s.Dax.AvailableSize(region))
        {
            return StepResult.Fail(Errno.ENOSPC);
        }

        return StepResult.Ok(new DaxRangesSet(dev.Name, DaxResize.Resize(s.Dax, region, dev, size)));
    }

    /// <summary><c>kstrtoul()</c> failure is -ENXIO here; <c>dax_align_valid()</c>: 4 KiB, 2 MiB or 1 GiB, else -EINVAL.</summary>
    private (ByteSize Align, Errno? Error) AlignValue()
    {
        var (v, e) = KstrToUll(value);
        if (e is not null)
        {
            return (v, Errno.ENXIO);
        }

        return v.Bytes is PageSizes.PageSize or (2UL << 20) or (1UL << 30) ? (v, null) : (v, Errno.EINVAL);
    }

    /// <summary>drivers/dax/bus.c <c>align_store()</c>: -EBUSY while bound, -EINVAL when a range is not aligned.</summary>
    private StepResult SetAlign(Host.HostState s)
    {
        var dev = s.Dax.Find(device!)!;
        if (dev.Driver != DaxDriver.None)
        {
            return StepResult.Fail(Errno.EBUSY);
        }

        var align = AlignValue().Align;
        return dev.Ranges.Any(r => !r.Size.IsMultipleOf(align) || !r.Start.IsAligned(align))
            ? StepResult.Fail(Errno.EINVAL)
            : StepResult.Ok(new DaxAlignSet(dev.Name, align));
    }

    private static (ByteSize, Errno?) KstrToUll(string s)
    {
        var t = SysfsParse.TrimNewline(s);
        var hex = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        return ulong.TryParse(hex ? t[2..] : t, hex ? System.Globalization.NumberStyles.HexNumber : System.Globalization.NumberStyles.None, null, out var v)
            ? (new ByteSize(v), null)
            : (ByteSize.Zero, Errno.EINVAL);
    }
}
