using HotplugCluster.Kernel.Operations;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Workload;

namespace HotplugCluster.Simulation.Shell;

/// <summary><c>workload alloc|pin|free|unpin</c>: the workload model's allocations on a node.</summary>
public sealed partial class HostShell
{
    private int WorkloadAlloc(WorkloadAllocCommand c, TextWriter output)
    {
        var op = Console.Run(new WorkloadAllocate(new NodeId(c.Node), c.Kind, c.Pages, c.Zone));
        if (op.Error is { } e)
        {
            output.WriteLine($"workload: {op.Name}: {e.Message} ({e.Name})");
            return 1;
        }

        output.WriteLine($"allocated {c.Pages} {KindName(c.Kind)} pages ({c.Pages.Kb} kB) on node {c.Node}");
        return 0;
    }

    private int WorkloadFree(WorkloadFreeCommand c, TextWriter output)
    {
        var op = Console.Run(new WorkloadFree(new NodeId(c.Node), c.Kind, c.Pages));
        if (op.Error is { } e)
        {
            output.WriteLine($"workload: {op.Name}: {e.Message} ({e.Name})");
            return 1;
        }

        output.WriteLine($"freed {c.Pages} {KindName(c.Kind)} pages ({c.Pages.Kb} kB) on node {c.Node}");
        return 0;
    }

    private static string KindName(PageKind kind) => kind switch
    {
        PageKind.Movable => "movable",
        PageKind.Unmovable => "unmovable",
        _ => "pinned",
    };
}
