namespace HotplugCluster.Actors.Cells;

/// <summary>What the current thread is processing: the actor and its message (for Sender, Stash, implicit-sender Tell and Forward),
/// and, on a parallel dispatcher's pool thread, the actor handed to this thread to run next.</summary>
internal sealed class ActorThreadState
{
    public ActorCell? Cell;
    public Envelope Envelope;

    /// <summary>An actor scheduled by the running one, to run on this thread when its turn ends (parallel dispatcher).</summary>
    public ActorCell? Next;

    /// <summary>Hand-offs since this thread last took an actor from the pool's queue (parallel dispatcher).</summary>
    public int HandOffs;
}
