namespace HotplugCluster.Actors.Dispatch;

/// <summary>Picks a uniformly random enabled actor at each step from a seeded generator: same seed, same choices.</summary>
public sealed class RandomStrategy(long seed) : ISchedulingStrategy
{
    private readonly DeterministicRandom _random = new(seed);
    private readonly List<IScheduledActor> _enabled = [];

    public void Enable(IScheduledActor actor) => _enabled.Add(actor);

    public IScheduledActor? Choose(long stepNumber)
    {
        var count = _enabled.Count;
        if (count == 0)
        {
            return null;
        }

        var index = _random.NextInt(count);
        var chosen = _enabled[index];
        _enabled[index] = _enabled[count - 1];
        _enabled.RemoveAt(count - 1);
        return chosen;
    }
}
