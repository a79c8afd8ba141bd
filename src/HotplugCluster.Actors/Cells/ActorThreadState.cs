namespace HotplugCluster.Actors.Cells;

/// <summary>What the current thread is processing: the actor and its message (for Sender, Stash, implicit-sender Tell and Forward).</summary>
internal sealed class ActorThreadState
{
    public ActorCell? Cell;
    public Envelope Envelope;
}
