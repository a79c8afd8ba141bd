using HotplugCluster.Actors.Messages;

namespace HotplugCluster.Actors.Cells;

/// <summary>The <c>/deadLetters</c> ref: counts dead letters, publishes them on the event stream, and fails an Ask whose recipient had stopped.</summary>
internal sealed class DeadLettersRef(ActorSystem system) : IActorRef
{
    private long _count;

    public ActorPath Path { get; } = new(new ActorPath((ActorPath?)null, string.Empty, -1), "deadLetters", -1);

    public long Count => Interlocked.Read(ref _count);

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        Publish(message as DeadLetter ?? new DeadLetter(message, sender, this, DeadLetterReason.NoRecipient));
    }

    public void Publish(DeadLetter deadLetter)
    {
        Interlocked.Increment(ref _count);
        if (deadLetter.Sender is IPromiseRef promise && deadLetter.Reason == DeadLetterReason.RecipientStopped)
        {
            promise.FailRecipientStopped(deadLetter.Recipient);
        }

        system.EventStream.Publish(deadLetter);
    }

    public override string ToString() => "DeadLetters";
}
