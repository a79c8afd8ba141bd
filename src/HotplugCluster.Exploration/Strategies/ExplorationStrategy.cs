using HotplugCluster.Actors.Dispatch;

namespace HotplugCluster.Exploration.Strategies;

/// <summary>
/// Base of the explorer's schedulers: keeps the enabled actors in the order they became enabled and, once
/// <see cref="Start"/> is called (after boot and setup), records each step's choice as an index into that list. Index 0
/// (the longest-waiting actor, FIFO) is the default choice, which minimisation substitutes and a replay uses past the
/// end of its choices. Before <see cref="Start"/> every step takes index 0 and nothing is recorded, so boot and setup
/// run the same way in every schedule. Extension point: one subclass per strategy (<see cref="Pick"/>).
/// </summary>
public abstract class ExplorationStrategy : ISchedulingStrategy
{
    private readonly List<IScheduledActor> _enabled = [];
    private readonly List<int> _choices = [];

    /// <summary>Whether the schedule proper (the lanes) has begun.</summary>
    public bool Started { get; private set; }

    /// <summary>The recorded choices since <see cref="Start"/>, one index per scheduler step.</summary>
    public IReadOnlyList<int> Choices => _choices;

    /// <summary>From the next step on, choices come from <see cref="Pick"/> and are recorded.</summary>
    public void Start() => Started = true;

    /// <inheritdoc/>
    public void Enable(IScheduledActor actor) => _enabled.Add(actor);

    /// <inheritdoc/>
    public IScheduledActor? Choose(long stepNumber)
    {
        if (_enabled.Count == 0)
        {
            return null;
        }

        var index = 0;
        if (Started)
        {
            index = Pick(_enabled, _choices.Count);
            _choices.Add(index);
        }

        var chosen = _enabled[index];
        _enabled.RemoveAt(index);
        return chosen;
    }

    /// <summary>The index (0..enabled.Count-1) of the actor that runs schedule step <paramref name="position"/> (0-based since <see cref="Start"/>).</summary>
    protected abstract int Pick(IReadOnlyList<IScheduledActor> enabled, int position);
}
