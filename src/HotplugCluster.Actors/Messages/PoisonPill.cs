namespace HotplugCluster.Actors.Messages;

/// <summary>Stops the actor when it is processed; messages queued before it are processed first (Akka semantics).</summary>
public sealed class PoisonPill : IAutoReceivedMessage
{
    private PoisonPill()
    {
    }

    /// <summary>The only instance.</summary>
    public static PoisonPill Instance { get; } = new();
}
