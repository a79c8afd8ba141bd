namespace HotplugCluster.Actors.Dispatch;

/// <summary>Runs enabled actors in the order they became enabled, one message each (round robin); the fastest strategy.</summary>
public sealed class FifoStrategy : ISchedulingStrategy
{
    private readonly Queue<IScheduledActor> _enabled = new();

    public void Enable(IScheduledActor actor) => _enabled.Enqueue(actor);

    public IScheduledActor? Choose(long stepNumber) => _enabled.TryDequeue(out var actor) ? actor : null;
}
