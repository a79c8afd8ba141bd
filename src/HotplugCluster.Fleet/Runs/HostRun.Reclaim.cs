using HotplugCluster.Fleet.Configuration;
using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Fleet.Runs;

/// <summary>Reclaim (offline + remove) and re-add, by device or by block.</summary>
internal sealed partial class HostRun
{
    private void Reclaim(FleetOperation op)
    {
        var before = _host.KernelSteps;
        _host.SignalAfterAttempts = op.SignalAfterAttempts;
        if (op.Granularity == ReclaimGranularity.Device)
        {
            ReclaimDevices(op);
        }
        else
        {
            ReclaimBlocks(op);
        }

        _reclaimSteps += _host.KernelSteps - before;
    }

    /// <summary>
    /// The last round(fraction × devices) kmem devices: <c>daxctl reconfigure-device -m devdax --force</c>, i.e. every online
    /// block offlined through its state file, then kmem unbound (remove_memory per range). When a block refuses, the
    /// agent puts the blocks it offlined back online and the device stays; every block of the device counts as failed.
    /// </summary>
    /// <remarks>ndctl daxctl/device.c <c>reconfig_mode_devdax()</c> → <c>daxctl_memory_offline()</c>, then drivers/dax/kmem.c <c>dev_dax_kmem_remove()</c>.</remarks>
    private void ReclaimDevices(FleetOperation op)
    {
        var devices = KmemDevices();
        var count = (int)Math.Round(op.Fraction * devices.Count, MidpointRounding.AwayFromZero);
        for (var i = devices.Count - 1; i >= devices.Count - count; i--)
        {
            var (dev, window) = devices[i];
            var ids = BlocksOf(window);
            _reclaimAttempted += ids.Count;
            var offlined = new List<(BlockId Id, OnlineType Type)>();
            string? failure = null;
            foreach (var id in ids)
            {
                var b = _host.State.Blocks[id];
                if (b.State != MemoryBlockState.Online)
                {
                    continue;
                }

                var w = _host.Write(id.StatePath, "offline");
                if (w.Error is { } e)
                {
                    failure = e.Name;
                    break;
                }

                offlined.Add((id, b.Zone == ZoneType.Movable ? OnlineType.OnlineMovable : OnlineType.OnlineKernel));
            }

            if (failure is null)
            {
                var unbind = _host.Write("/sys/bus/dax/drivers/kmem/unbind", dev + "\n");
                failure = _host.State.Dax.Find(dev)?.Driver == DaxDriver.Kmem || BlocksOf(window).Count > 0 ? unbind.Error?.Name ?? "EBUSY" : null;
            }

            if (failure is not null)
            {
                _failures[failure] = _failures.GetValueOrDefault(failure) + ids.Count;
                foreach (var (id, type) in offlined)
                {
                    if (_host.State.Blocks.TryFind(id, out var b) && b.State == MemoryBlockState.Offline)
                    {
                        _host.Write(id.StatePath, OnlineText(type));
                    }
                }

                continue;
            }

            _reclaimRemoved += ids.Count;
            _removedDevices.Add(dev);
        }
    }

    /// <summary>The top round(fraction × blocks) blocks of every CXL device, one <c>offline_and_remove_memory()</c> call each.</summary>
    /// <remarks>mm/memory_hotplug.c <c>offline_and_remove_memory()</c>, the interface virtio-mem and dynamic-capacity drivers use.</remarks>
    private void ReclaimBlocks(FleetOperation op)
    {
        var blockSize = _host.State.BlockSize;
        foreach (var (_, window) in KmemDevices())
        {
            var present = BlocksOf(window);
            var count = (int)Math.Round(op.Fraction * present.Count, MidpointRounding.AwayFromZero);
            for (var i = present.Count - 1; i >= present.Count - count; i--)
            {
                var id = present[i];
                var block = _host.State.Blocks[id];
                _reclaimAttempted++;
                var remove = _host.Run(new OfflineAndRemoveMemory(_host.State.Blocks.StartOf(id), blockSize, op.SignalAfterAttempts));
                if (remove.Error is { } e)
                {
                    _failures[e.Name] = _failures.GetValueOrDefault(e.Name) + 1;
                    continue;
                }

                _reclaimRemoved++;
                var type = block.State != MemoryBlockState.Online ? _lastOnline
                    : block.Zone == ZoneType.Movable ? OnlineType.OnlineMovable : OnlineType.OnlineKernel;
                _removed.Add((id, type));
            }
        }
    }

    /// <summary>
    /// Gives back what the reclaim took: devices are bound to kmem again (its probe re-adds every range) and their blocks
    /// onlined; single blocks are re-added as kmem's probe adds them (add_memory_driver_managed into the device's group).
    /// </summary>
    /// <remarks>drivers/dax/kmem.c <c>dev_dax_kmem_probe()</c>: add_memory_driver_managed(mgid, range, "System RAM (kmem)", MHP_NID_IS_MGID | memmap flag).</remarks>
    private void ReAdd()
    {
        var s = _host.State;
        foreach (var dev in _removedDevices)
        {
            var bind = _host.Write("/sys/bus/dax/drivers/kmem/bind", dev + "\n");
            if (s.Dax.Find(dev)?.Driver != DaxDriver.Kmem)
            {
                Fail("re-add", bind.Error?.Name ?? "unbound");
                continue;
            }

            var window = s.Layout.CxlWindows.First(w => $"dax{w.Index}.0" == dev);
            foreach (var id in BlocksOf(window))
            {
                if (s.Blocks[id].State == MemoryBlockState.Offline)
                {
                    var w = _host.Write(id.StatePath, OnlineText(_lastOnline));
                    if (w.Error is { } e)
                    {
                        Fail("re-add online", e.Name);
                        continue;
                    }
                }

                _reAdded++;
            }
        }

        foreach (var (id, type) in _removed)
        {
            var start = s.Blocks.StartOf(id);
            var window = s.Layout.CxlWindows.First(w => start >= w.Start && start < w.Start + w.Size);
            var dev = s.Dax.Find($"dax{window.Index}.0");
            if (dev?.Kmem is not { } kmem)
            {
                Fail("re-add", "ENODEV");
                continue;
            }

            var flags = Mhp.NidIsMgid;
            if (s.Version != KernelVersion.V6_1 && dev.MemmapOnMemory)
            {
                flags |= Mhp.MemmapOnMemory;
            }

            var add = _host.Run(new AddMemory(new AddMemoryRequest(AddMemoryVariant.DriverManaged, kmem.Mgid, start, s.BlockSize, KmemName, flags)));
            if (add.Error is { } e)
            {
                Fail("re-add", e.Name);
                continue;
            }

            var online = _host.Write(id.StatePath, OnlineText(type));
            if (online.Error is { } oe)
            {
                Fail("re-add online", oe.Name);
                continue;
            }

            _reAdded++;
        }

        _removed.Clear();
        _removedDevices.Clear();
    }

    /// <summary>CXL dax devices bound to kmem, in window order, with their windows.</summary>
    private List<(string Device, CxlWindowLayout Window)> KmemDevices() =>
        [.. _host.State.Layout.CxlWindows
            .Select(w => ($"dax{w.Index}.0", w))
            .Where(d => _host.State.Dax.Find(d.Item1)?.Driver == DaxDriver.Kmem)];

    /// <summary>Registered blocks lying wholly inside <paramref name="window"/>, ascending.</summary>
    private List<BlockId> BlocksOf(CxlWindowLayout window)
    {
        var s = _host.State;
        var first = window.Start.AlignUp(s.BlockSize);
        var end = window.Start + window.Size;
        var result = new List<BlockId>();
        for (var at = first; at + s.BlockSize <= end; at += s.BlockSize)
        {
            var id = s.Blocks.IdOf(at);
            if (s.Blocks.TryFind(id, out _))
            {
                result.Add(id);
            }
        }

        return result;
    }
}
