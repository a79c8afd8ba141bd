using HotplugCluster.Kernel.Host;

namespace HotplugCluster.Simulation.Invariants;

/// <summary>A comparable rendering of the parts of a <see cref="HostState"/> that events change, one line per item.</summary>
internal static class StateFingerprint
{
    public static IReadOnlyList<string> Of(HostState s)
    {
        var lines = new List<string>();
        lines.AddRange(s.Blocks.Present().Select(b => $"block {b}"));
        foreach (var node in s.Nodes)
        {
            lines.Add($"node{node.Id.Value} online={node.Online}");
            lines.AddRange(node.Zones.Select(z =>
                $"node{node.Id.Value} {z.Type} span={z.SpanStart.Value}-{z.SpanEnd.Value} present={z.Present.Value} early={z.PresentEarly.Value} managed={z.Managed.Value} allocated={z.Allocated.Value}"));
        }

        lines.AddRange(s.Groups.All.OrderBy(g => g.Id).Select(g =>
            $"group {g.Id} nid={g.Nid.Value} max={g.MaxPages.Value} kernel={g.PresentKernelPages.Value} movable={g.PresentMovablePages.Value}"));
        lines.Add("iomem " + s.Resources.RenderIomem());
        lines.AddRange(s.Dax.Devices.Select(d =>
            $"dax {d.Name} driver={d.Driver} size={d.Size.Bytes} mom={d.MemmapOnMemory} kmem={d.Kmem?.Mgid}:{d.Kmem?.Leaked}:{string.Join(",", d.Kmem?.Ranges.Select(r => $"{r.Start.Value:x}+{r.Size.Bytes:x}:{r.Added}") ?? [])} devdax={d.DevdaxMemmap?.Pages.Value}"));
        lines.AddRange(s.StrayBuddyPages.Select(p => $"stray {p.Block} {p.Pages.Value}"));
        lines.AddRange(s.LeakedResources.Select(r => $"leaked {r}"));
        lines.AddRange(s.BlockReferences.Select(r => $"ref {r.Key} {r.Value}"));
        lines.Add($"dmesg {s.Dmesg.Lines.Count} hotremove-failed={s.AnyHotremoveFailed}");
        return lines;
    }

    /// <summary>Readable differences between a live and a replayed fingerprint (at most a few).</summary>
    public static IEnumerable<string> Differences(IReadOnlyList<string> live, IReadOnlyList<string> replayed)
    {
        var onlyLive = live.Except(replayed, StringComparer.Ordinal).Take(3).ToList();
        var onlyReplayed = replayed.Except(live, StringComparer.Ordinal).Take(3).ToList();
        foreach (var l in onlyLive)
        {
            yield return $"the live state has '{l}' which the replayed journal does not";
        }

        foreach (var r in onlyReplayed)
        {
            yield return $"the replayed journal has '{r}' which the live state does not";
        }
    }
}
