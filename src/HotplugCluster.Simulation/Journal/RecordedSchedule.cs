using HotplugCluster.Actors.Dispatch;

namespace HotplugCluster.Simulation.Journal;

/// <summary>
/// Replays a run's recorded choices step for step and, past their end, runs what is left in enable order (a run's
/// recording stops when its scenario ends; shutting the host down afterwards takes steps nobody recorded). A step
/// whose recorded actor is not enabled throws <see cref="TraceDivergenceException"/>, as <see cref="ReplayStrategy"/> does.
/// </summary>
internal sealed class RecordedSchedule(Trace trace) : ISchedulingStrategy
{
    private readonly SortedDictionary<long, IScheduledActor> _enabled = [];
    private readonly Queue<long> _order = new();

    public void Enable(IScheduledActor actor)
    {
        _enabled.Add(actor.Id, actor);
        _order.Enqueue(actor.Id);
    }

    public IScheduledActor? Choose(long stepNumber)
    {
        if (_enabled.Count == 0)
        {
            return null;
        }

        if (stepNumber < trace.Count)
        {
            var expected = trace[stepNumber];
            if (_enabled.Remove(expected, out var recorded))
            {
                return recorded;
            }

            throw new TraceDivergenceException(new TraceDivergence(stepNumber, expected, [.. _enabled.Keys]).ToString());
        }

        while (_order.TryDequeue(out var id))
        {
            if (_enabled.Remove(id, out var next))
            {
                return next;
            }
        }

        return null;
    }
}
