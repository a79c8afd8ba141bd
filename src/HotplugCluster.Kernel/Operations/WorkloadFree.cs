using HotplugCluster.Kernel.Events;
using HotplugCluster.Kernel.Units;
using HotplugCluster.Kernel.Workload;

namespace HotplugCluster.Kernel.Operations;

/// <summary>The workload frees (or unpins, for <see cref="PageKind.Pinned"/>) pages of one kind on a node, lowest block first.</summary>
public sealed class WorkloadFree(NodeId node, PageKind kind, PageCount pages) : KernelOperation
{
    public override string Name => "free_pages";

    public override IEnumerable<KernelStep> Steps()
    {
        yield return Work("free", StateOwner.Node, KernelLock.None, s =>
        {
            var events = new List<KernelEvent>();
            var left = pages;
            foreach (var b in s.Blocks.Registered().Where(b => b.Nid == node))
            {
                var have = new PageCount(kind switch
                {
                    PageKind.Movable => b.MovablePages,
                    PageKind.Pinned => b.PinnedPages,
                    _ => b.UnmovablePages,
                });
                var take = PageCount.Min(have, left);
                if (!take.IsZero)
                {
                    events.Add(new PagesFreed(b.Id, kind, take));
                    left -= take;
                }
            }

            return left.IsZero ? StepResult.Ok(events) : StepResult.Fail(Errno.EINVAL);
        });
        Error = Last.Error;
    }
}
