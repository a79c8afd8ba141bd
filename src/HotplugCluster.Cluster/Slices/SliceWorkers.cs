using Akka.Actor;

namespace HotplugCluster.Cluster.Slices;

/// <summary>
/// A member's worker slots: slice entities hand their <see cref="SliceWork"/> here and at most <c>workers</c> run at
/// once, each on a thread of its own (sharding starts every entity of a member at once; the hosts must not). Work
/// waits in arrival order; the result goes back to the entity that sent it. <c>report</c> (optional) gets a line when a
/// slice starts and when it ends: <c>slice JOB v0:0-5 started</c>, <c>... done</c> or <c>... failed: why</c>.
/// </summary>
public sealed class SliceWorkers : ReceiveActor
{
    /// <summary>The actor's name under /user on every member.</summary>
    public const string Name = "slice-workers";

    private readonly Queue<(SliceWork Work, IActorRef Entity)> _waiting = new();
    private readonly int _workers;
    private readonly Action<string>? _report;
    private int _running;

    /// <summary>Runs <paramref name="compute"/> for each work item on up to <paramref name="workers"/> threads.</summary>
    public SliceWorkers(int workers, Func<SliceWork, byte[]> compute, Action<string>? report = null)
    {
        _report = report;
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _workers = workers;
        Receive<SliceWork>(work =>
        {
            _waiting.Enqueue((work, Sender));
            StartWaiting(compute);
        });
        Receive<Finished>(done =>
        {
            _running--;
            _report?.Invoke($"slice {done.Work.JobId} {done.Work.Slice} " + (done.Result.Error is { } e ? $"failed: {e}" : "done"));
            done.Entity.Tell(done.Result);
            StartWaiting(compute);
        });
    }

    /// <summary>Props of the slot keeper.</summary>
    public static Props Props(int workers, Func<SliceWork, byte[]> compute, Action<string>? report = null) =>
        Akka.Actor.Props.Create(() => new SliceWorkers(workers, compute, report));

    private void StartWaiting(Func<SliceWork, byte[]> compute)
    {
        while (_running < _workers && _waiting.TryDequeue(out var next))
        {
            _running++;
            var (work, entity) = next;
            var self = Self;
            _report?.Invoke($"slice {work.JobId} {work.Slice} started");
            var thread = new Thread(() =>
            {
                SliceComputed result;
                try
                {
                    result = new SliceComputed(work.Slice, compute(work), null);
                }
#pragma warning disable CA1031 // Whatever a slice throws is reported to its submitter as a refusal, not lost with the thread.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    result = new SliceComputed(work.Slice, null, e.Message);
                }

                self.Tell(new Finished(work, entity, result));
            })
            { IsBackground = true, Name = $"slice {work.Slice}" };
            thread.Start();
        }
    }

    private sealed record Finished(SliceWork Work, IActorRef Entity, SliceComputed Result);
}
