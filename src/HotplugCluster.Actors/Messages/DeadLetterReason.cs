namespace HotplugCluster.Actors.Messages;

/// <summary>Why a message became a dead letter.</summary>
public enum DeadLetterReason
{
    /// <summary>The recipient had stopped (or stopped before processing it).</summary>
    RecipientStopped,

    /// <summary>The recipient's behaviour did not handle it (Akka's UnhandledMessage).</summary>
    Unhandled,

    /// <summary>It was sent to <see cref="ActorSystem.DeadLetters"/> directly.</summary>
    NoRecipient,
}
