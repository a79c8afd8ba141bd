namespace HotplugCluster.Actors.Dispatch;

/// <summary>Runs enabled actors in the order they became enabled, one message each (round robin); the fastest strategy.</summary>
public sealed class FifoStrategy : ISchedulingStrategy
{
    // A struct element avoids the covariant array-store check that an interface-typed array costs on every enqueue.
    private readonly Queue<Entry> _enabled = new();

    public void Enable(IScheduledActor actor) => _enabled.Enqueue(new Entry(actor));

    public IScheduledActor? Choose(long stepNumber) => _enabled.TryDequeue(out var entry) ? entry.Actor : null;

    private readonly record struct Entry(IScheduledActor Actor);
}
