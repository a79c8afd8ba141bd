using HotplugCluster.Kernel.Cxl;
using HotplugCluster.Kernel.Dax;
using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Hotplug;
using HotplugCluster.Kernel.Resources;

namespace HotplugCluster.Kernel.Host;

/// <summary><c>Apply(state, event)</c>: the only code that changes <see cref="HostState"/>. Deterministic; no rules.</summary>
public static partial class KernelApply
{
    // Its own method: a lambda capturing a case's pattern variable made every Apply allocate the closure.
    private static void ApplyCxlRegionCreated(HostState state, CxlRegionCreated r)
    {
        state.AddCxlRegion(new CxlRegion(r.Id, r.Memdev, r.Start, r.Size, r.Ways, r.TargetNode));
        var window = state.Layout.CxlWindows.FirstOrDefault(w => w.Index == r.Id);
        state.Resources.Insert(
            window is null ? null : state.Resources.Find(window.Start, window.Size, $"CXL Window {r.Id}"), r.Start, r.Size, $"region{r.Id}", ResourceKind.Mem);
    }

    public static void Apply(HostState state, KernelEvent e)
    {
        ArgumentNullException.ThrowIfNull(state);

        // Block and host events first (pages, block states, notifier calls: tens of thousands a fleet host), each a chain of
        // type tests; the boot and device events below come a handful at a time.
        if (ApplyBlock(state, e) || ApplyHost(state, e) || ApplyDax(state, e))
        {
            return;
        }

        switch (e)
        {
            case NodeRegistered n:
                state.Nodes[n.Node.Value].Online = true;
                break;
            case NodeUnregistered n:
                state.Nodes[n.Node.Value].Online = false;
                break;
            case BootMemoryAdded b:
                ApplyBootMemory(state, b);
                break;
            case BootMemoryHole h:
                ApplyBootHole(state, h);
                break;
            case CxlWindowCreated w:
                state.Resources.Request(w.Start, w.Size, $"CXL Window {w.Index}", ResourceKind.Mem);
                break;
            case CxlRegionCreated r:
                ApplyCxlRegionCreated(state, r);
                break;
            case CxlRegionRemoved r:
                state.RemoveCxlRegion(r.Id);
                state.Resources.Remove(r.Start, r.Size, $"region{r.Id}");
                break;
            case DaxRegionRemoved r:
                state.Dax.RemoveRegion(r.Id);
                break;
            case CxlMemoryOrphaned o:
                state.AddOrphaned(o.Memdev, o.Start, o.Size);
                break;
            case DaxRegionCreated r:
                state.Dax.AddRegion(new DaxRegion(r.Id, r.Start, r.Size, r.TargetNode, r.Align, r.Kmem));
                break;
            case AcpiMemoryDeviceAdded a:
                state.AddAcpi(new Acpi.AcpiMemoryDevice(a.Name, a.Node, a.Start, a.Size, a.Mgid));
                break;
            case AcpiMemoryDeviceRemoved r:
                state.RemoveAcpi(r.Name);
                break;
            case DaxDeviceCreated d:
                state.Dax.AddDevice(new DaxDevice(
                    d.RegionId, d.Id, d.Size.IsZero ? [] : [new DaxRange(d.Start, d.Size)], d.TargetNode, d.Align, d.MemmapOnMemory));
                break;
            default:
                throw new ArgumentException($"no Apply for {e.GetType().Name}", nameof(e));
        }
    }

    private static bool ApplyHost(HostState state, KernelEvent e)
    {
        switch (e)
        {
            case MemoryNotified:
                // Two per block offline or online (the notifier chain): first, after the block events.
                return true;
            case DefaultOnlineTypeSet t:
                state.Parameters.DefaultOnlineType = t.Type;
                return true;
            case OnlinePolicySet p:
                state.Parameters.OnlinePolicy = p.Policy;
                return true;
            case AutoMovableRatioSet r:
                state.Parameters.AutoMovableRatio = r.Ratio;
                return true;
            case AutoMovableNumaAwareSet a:
                state.Parameters.AutoMovableNumaAware = a.NumaAware;
                return true;
            case NotifierErrorSet n when n.Action == MemoryAction.MEM_GOING_ONLINE:
                state.Notifiers.GoingOnlineError = n.Error;
                return true;
            case NotifierErrorSet n:
                state.Notifiers.GoingOfflineError = n.Error;
                return true;
            case KernelLogged l:
                state.Dmesg.Add(l.Line);
                return true;
            case ResourceRequested r:
                _ = state.Resources.Request(r.Start, r.Size, r.Name, r.Kind)
                    ?? throw new InvalidOperationException($"resource {r.Name} at {r.Start} conflicts on replay");
                return true;
            case ResourceKindChanged k:
                state.Resources.Find(k.Start, k.Size, k.Name)!.Kind = k.Kind;
                return true;
            case ResourceRemoved r:
                state.Resources.Remove(r.Start, r.Size, r.Name);
                return true;
            case ResourceReleasedWithChildren r:
                foreach (var orphan in state.Resources.Release(r.Start, r.Size, r.Name))
                {
                    state.AddLeakedResource($"{orphan.Start.Value:x8}-{orphan.End.Value:x8} : {orphan.Name} (under released {r.Name})");
                }

                return true;
            case MemoryGroupRegistered g:
                state.Groups.Add(g.Mgid, g.Node, g.MaxPages);
                return true;
            case MemoryGroupUnregistered g:
                state.Groups.Remove(g.Mgid);
                return true;
            case HotremoveFailed:
                state.AnyHotremoveFailed = true;
                return true;
            default:
                return false;
        }
    }

    private static bool ApplyDax(HostState state, KernelEvent e)
    {
        switch (e)
        {
            case DaxRangesSet r:
                state.Dax.Find(r.Device)!.Ranges = r.Ranges;
                return true;
            case DevdaxMemmapAllocated m:
                ChargeHosted(state, m.Memmap, +1);
                state.Dax.Find(m.Device)!.DevdaxMemmap = m.Memmap;
                return true;
            case DevdaxMemmapFreed f:
                ChargeHosted(state, state.Dax.Find(f.Device)!.DevdaxMemmap!, -1);
                state.Dax.Find(f.Device)!.DevdaxMemmap = null;
                return true;
            case DaxAlignSet a:
                state.Dax.Find(a.Device)!.Align = a.Align;
                return true;
            case DaxDeviceDeleted d:
                state.Dax.RemoveDevice(d.Device);
                return true;
            case DaxRegionSeedSet seed:
                state.Dax.SetSeed(seed.RegionId, seed.Seed);
                return true;
            case DaxMemmapOnMemorySet m:
                state.Dax.Find(m.Device)!.MemmapOnMemory = m.Value;
                return true;
            case DaxDriverBound b:
                state.Dax.Find(b.Device)!.Driver = b.Driver;
                return true;
            case DaxDriverUnbound u:
                state.Dax.Find(u.Device)!.Driver = DaxDriver.None;
                return true;
            case KmemDataSet k:
                state.Dax.Find(k.Device)!.Kmem = k.Data;
                return true;
            case DaxIdAdded a:
                state.Dax.AddId(a.Driver, a.Device);
                return true;
            case DaxIdRemoved r:
                state.Dax.RemoveId(r.Driver, r.Device);
                return true;
            default:
                return false;
        }
    }
}
