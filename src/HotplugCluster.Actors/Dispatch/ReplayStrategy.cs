namespace HotplugCluster.Actors.Dispatch;

/// <summary>Replays a recorded <see cref="Trace"/>: step n runs the actor recorded at n. At the first step whose recorded actor is
/// not enabled (or when actors are enabled past the trace's end) it sets <see cref="Divergence"/> and throws <see cref="TraceDivergenceException"/>.</summary>
public sealed class ReplayStrategy(Trace trace) : ISchedulingStrategy
{
    private readonly Dictionary<long, IScheduledActor> _enabled = [];

    /// <summary>The first divergence, or null while the replay follows the trace.</summary>
    public TraceDivergence? Divergence { get; private set; }

    public void Enable(IScheduledActor actor) => _enabled.Add(actor.Id, actor);

    public IScheduledActor? Choose(long stepNumber)
    {
        if (_enabled.Count == 0)
        {
            return null;
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
