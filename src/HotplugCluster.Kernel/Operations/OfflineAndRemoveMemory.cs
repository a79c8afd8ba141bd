using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.MemoryBlocks;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Zones;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// <c>offline_and_remove_memory()</c>: offline block by block, then <c>try_remove_memory()</c>; on any error
/// re-online the blocks it offlined with their old types.
/// </summary>
/// <remarks>mm/memory_hotplug.c.</remarks>
public sealed class OfflineAndRemoveMemory(PhysAddr start, ByteSize size, int? signalAfterAttempts = null) : KernelOperation
{
    public override string Name => "offline_and_remove_memory";

    public override IEnumerable<KernelStep> Steps()
    {
        var ids = new List<(BlockId Id, OnlineType Old, bool WasOnline)>();
        yield return Work("check range", StateOwner.None, KernelLock.None, s =>
        {
            if (size.IsZero || !start.IsAligned(s.BlockSize) || !size.IsMultipleOf(s.BlockSize))
            {
                return StepResult.Fail(Errno.EINVAL);
            }

            return StepResult.Ok();
        });
        if (Last.Failed)
        {
            Error = Last.Error;
            yield break;
        }

        yield return Acquire(KernelLock.DeviceHotplug);
        yield return Work("try_offline_memory_block: remember types", StateOwner.Block, KernelLock.DeviceHotplug, s =>
        {
            foreach (var id in s.Blocks.IdsIn(start, size))
            {
                if (s.Blocks.TryFind(id, out var b))
                {
                    var old = b.Zone == ZoneType.Movable ? OnlineType.OnlineMovable : OnlineType.OnlineKernel;
                    ids.Add((id, old, b.State != MemoryBlockState.Offline));
                }
            }

            return StepResult.Ok();
        });

        Errno? error = null;
        var offlined = new List<(BlockId Id, OnlineType Old)>();
        foreach (var (id, old, wasOnline) in ids)
        {
            if (!wasOnline)
            {
                continue;
            }

            var off = Nested(new MemoryBlockOffline(id, signalAfterAttempts));
            foreach (var s in off.Steps())
            {
                yield return s;
            }

            if (off.Error is { } e)
            {
                error = e;
                break;
            }

            offlined.Add((id, old));
        }

        if (error is null)
        {
            var remove = Nested(new RemoveMemory(start, size, takeLock: false));
            foreach (var s in remove.TryRemoveMemory())
            {
                yield return s;
            }

            if (remove.Error is { } e)
            {
                error = e;
                yield return Work("log remove failure", StateOwner.Host, KernelLock.DeviceHotplug, _ =>
                    StepResult.Ok(new KernelLogged($"offline_and_remove_memory: Failed to remove memory: {e.KernelReturn}")));
            }
        }

        if (error is not null)
        {
            foreach (var (id, old) in offlined)
            {
                var on = Nested(new MemoryBlockOnline(id, old));
                foreach (var s in on.Steps())
                {
                    yield return s;
                }

                if (on.Error is { } failed)
                {
                    yield return Work("log re-online failure", StateOwner.Host, KernelLock.DeviceHotplug, _ =>
                        StepResult.Ok(new KernelLogged($"try_reonline_memory_block: Failed to re-online memory: {failed.KernelReturn}")));
                }
            }
        }

        Error = error;
        yield return Release(KernelLock.DeviceHotplug);
    }
}
