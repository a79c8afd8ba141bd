using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Host;
using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.Resources;
using HotplugCluster.Kernel.Settings;
using HotplugCluster.Kernel.Units;

namespace HotplugCluster.Kernel.Operations;

/// <summary>
/// <c>add_memory()</c>, <c>__add_memory()</c> (caller holds device_hotplug_lock) and
/// <c>add_memory_driver_managed()</c>: register the resource, then <c>add_memory_resource()</c>; all or
/// nothing; auto-online afterwards with errors ignored.
/// </summary>
/// <remarks>mm/memory_hotplug.c.</remarks>
public sealed partial class AddMemory : KernelOperation
{
    /// <summary><c>MAX_PHYSMEM_BITS</c> = 46 on x86_64 4-level paging (arch/x86/include/asm/sparsemem.h).</summary>
    private static ulong MaxPhys => (1UL << 46) - 1;

    private readonly AddMemoryRequest _r;
    private readonly List<BlockId> _added = [];
    private NodeId _nid;
    private int _mgid = -1;
    private bool _newNode;
    private BlockId? _current;
    private bool _noDeviceHotplugLock;
    private bool _probeUnderDeviceLock;

    public AddMemory(AddMemoryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _r = request;
    }

    public override string Name => _r.Variant switch
    {
        AddMemoryVariant.DriverManaged => "add_memory_driver_managed",
        AddMemoryVariant.Locked => "__add_memory",
        _ => "add_memory",
    };

    private bool TakesLock => _r.Variant != AddMemoryVariant.Locked;

    public override IEnumerable<KernelStep> Steps()
    {
        if (_r.Variant == AddMemoryVariant.DriverManaged
            && !(_r.ResourceName.StartsWith("System RAM (", StringComparison.Ordinal) && _r.ResourceName.EndsWith(')')))
        {
            Error = Errno.EINVAL;
            yield break;
        }

        if (TakesLock)
        {
            yield return Work("kernel config", StateOwner.None, KernelLock.None, s =>
            {
                _probeUnderDeviceLock = (s.Bugs & KernelBugs.ConcurrentMemoryHotAddDeadlock) != 0;
                _noDeviceHotplugLock = _probeUnderDeviceLock || (s.Bugs & KernelBugs.AddRemoveWithoutDeviceHotplugLock) != 0;
                return StepResult.Ok();
            });
            if (!_noDeviceHotplugLock)
            {
                yield return Acquire(KernelLock.DeviceHotplug);
            }
        }

        yield return Work("register_memory_resource", StateOwner.Resources, KernelLock.DeviceHotplug, RegisterResource);
        if (Last.Failed)
        {
            Error = Last.Error;
            foreach (var s in Unlock())
            {
                yield return s;
            }

            yield break;
        }

        foreach (var s in AddMemoryResource())
        {
            yield return s;
        }

        if (Error is not null)
        {
            yield return Work("release_memory_resource", StateOwner.Resources, KernelLock.DeviceHotplug, _ =>
                StepResult.Ok(new ResourceRemoved(_r.Start, _r.Size, _r.ResourceName)));
        }

        foreach (var s in Unlock())
        {
            yield return s;
        }
    }

    private IEnumerable<KernelStep> Unlock()
    {
        if (TakesLock && !_noDeviceHotplugLock)
        {
            yield return Release(KernelLock.DeviceHotplug);
        }
    }

    private StepResult RegisterResource(HostState s)
    {
        var end = _r.Start.Value + _r.Size.Bytes;
        if (_r.Size.IsZero || end - 1 > MaxPhys || end < _r.Start.Value)
        {
            return StepResult.Fail(Errno.E2BIG, new KernelLogged(
                $"Hotplug memory [{KernelFormat.Hex(_r.Start.Value)}-{KernelFormat.Hex(end)}] exceeds maximum addressable range [0-{KernelFormat.Hex(MaxPhys)}]"));
        }

        if (!s.Resources.CanRequest(_r.Start, _r.Size))
        {
            return StepResult.Fail(Errno.EEXIST);
        }

        var kind = ResourceKind.Mem | ResourceKind.SystemRam | ResourceKind.Busy;
        if (_r.ResourceName != "System RAM")
        {
            kind |= ResourceKind.DriverManaged;
        }

        return StepResult.Ok(new ResourceRequested(_r.Start, _r.Size, _r.ResourceName, kind));
    }

    /// <summary><c>add_memory_resource()</c>.</summary>
    private IEnumerable<KernelStep> AddMemoryResource()
    {
        yield return Work("check_hotplug_memory_range", StateOwner.None, KernelLock.DeviceHotplug, s =>
        {
            var bs = s.BlockSize;
            if (_r.Size.IsZero || !_r.Start.IsAligned(bs) || !_r.Size.IsMultipleOf(bs))
            {
                return StepResult.Fail(Errno.EINVAL, new KernelLogged(
                    $"Block size [{KernelFormat.Hex(bs.Bytes)}] unaligned hotplug range: start {KernelFormat.Hex(_r.Start.Value)}, size {KernelFormat.Hex(_r.Size.Bytes)}"));
            }

            _nid = new NodeId(_r.NidOrMgid);
            if ((_r.Flags & Mhp.NidIsMgid) != 0)
            {
                if (s.Groups.Find(_r.NidOrMgid) is not { } group)
                {
                    return StepResult.Fail(Errno.EINVAL);
                }

                _mgid = group.Id;
                _nid = group.Nid;
            }

            if (s.Node(_nid) is null)
            {
                return StepResult.Fail(Errno.EINVAL, new KernelLogged($"node {_nid.Value} was absent from the node_possible_map"));
            }

            return StepResult.Ok();
        });
        if (Last.Failed)
        {
            Error = Last.Error;
            yield break;
        }

        yield return Acquire(KernelLock.MemHotplug);
        yield return Work("__try_online_node", StateOwner.Node, KernelLock.MemHotplug, s =>
        {
            _newNode = !s.Nodes[_nid.Value].Online;
            return StepResult.Ok();
        });

        foreach (var s in AddBlocks())
        {
            yield return s;
        }

        if (Error is not null)
        {
            yield return Release(KernelLock.MemHotplug);
            yield break;
        }

        if (_newNode)
        {
            yield return Work("register_one_node", StateOwner.Node, KernelLock.MemHotplug, _ => StepResult.Ok(new NodeRegistered(_nid)));
        }

        yield return Release(KernelLock.MemHotplug);

        OnlineType online = default;
        yield return Work("mhp_get_default_online_type", StateOwner.Host, KernelLock.DeviceHotplug, s =>
        {
            online = s.Parameters.DefaultOnlineType;
            return StepResult.Ok();
        });
        if (online != OnlineType.Offline)
        {
            foreach (var id in _added)
            {
                // online_memory_block(): errors are ignored; the add still succeeds.
                foreach (var s in new MemoryBlockOnline(id, online).Steps())
                {
                    yield return s;
                }
            }
        }
    }

    protected override string? TargetOf(StateOwner owner) => owner switch
    {
        StateOwner.Block => _current?.ToString(),
        StateOwner.Node => _nid.IsValid ? _nid.ToString() : null,
        _ => null,
    };

    private static PageCount MemmapPages(HostState s) => PageSizes.MemmapSizeFor(s.BlockSize).ToPages();
}
