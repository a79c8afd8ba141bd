using HotplugCluster.Actors.Cells;

namespace HotplugCluster.Actors;

/// <summary>Akka's implicit-sender conveniences: inside an actor the sender is the actor itself, outside there is none.</summary>
public static class ActorRefExtensions
{
    /// <summary>Tells <paramref name="message"/> with the current actor (if any) as sender.</summary>
    public static void Tell(this IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, ActorCell.Current);
    }

    /// <summary>Tells <paramref name="message"/> keeping the original sender of the message being processed.</summary>
    public static void Forward(this IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, ActorCell.Current is null ? null : ActorCell.CurrentEnvelope.Sender);
    }
}
