namespace HotplugCluster.Actors.Dispatch;

/// <summary>Replays a recorded <see cref="Trace"/>: step n runs the actor recorded at n. At the first step whose recorded actor is
/// not enabled (or when actors are enabled past the trace's end) it sets <see cref="Divergence"/> and throws <see cref="TraceDivergenceException"/>.
/// With <paramref name="fifoPastEnd"/>, steps past the trace's end run the enabled actors in the order they were enabled instead (a
/// recording that stopped before the program did, e.g. before shutdown).</summary>
public sealed class ReplayStrategy(Trace trace, bool fifoPastEnd = false) : ISchedulingStrategy
{
    private readonly Dictionary<long, IScheduledActor> _enabled = [];
    private readonly Queue<(long Id, long Enabling)> _order = new();
    private long _enablings;

    // Only with fifoPastEnd: the newest enabling of each actor, so stale queue entries of an actor chosen earlier are skipped.
    private readonly Dictionary<long, long> _latest = [];

    /// <summary>The first divergence, or null while the replay follows the trace.</summary>
    public TraceDivergence? Divergence { get; private set; }

    public void Enable(IScheduledActor actor)
    {
        _enabled.Add(actor.Id, actor);
        if (fifoPastEnd)
        {
            _order.Enqueue((actor.Id, ++_enablings));
            _latest[actor.Id] = _enablings;
        }
    }

    public IScheduledActor? Choose(long stepNumber)
    {
        if (_enabled.Count == 0)
        {
            return null;
        }

        if (fifoPastEnd && stepNumber >= trace.Count)
        {
            while (_order.TryDequeue(out var entry))
            {
                if (_latest[entry.Id] == entry.Enabling && _enabled.Remove(entry.Id, out var next))
                {
                    return next;
                }
            }
        }

        long? expected = stepNumber < trace.Count ? trace[stepNumber] : null;
        if (expected is { } id && _enabled.Remove(id, out var actor))
        {
            return actor;
        }

        var enabledIds = _enabled.Keys.Order().ToArray();
        Divergence = new TraceDivergence(stepNumber, expected, enabledIds);
        throw new TraceDivergenceException(Divergence);
    }
}
