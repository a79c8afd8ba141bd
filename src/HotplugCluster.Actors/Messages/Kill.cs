namespace HotplugCluster.Actors.Messages;

/// <summary>Makes the actor fail with <see cref="ActorKilledException"/> when processed; the default supervisor then stops it.</summary>
public sealed class Kill : IAutoReceivedMessage
{
    private Kill()
    {
    }

    /// <summary>The only instance.</summary>
    public static Kill Instance { get; } = new();
}
