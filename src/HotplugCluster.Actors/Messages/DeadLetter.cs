namespace HotplugCluster.Actors.Messages;

/// <summary>A message that reached no behaviour, published on the event stream.</summary>
/// <remarks>Akka has separate DeadLetter and UnhandledMessage types; here one type carries a <see cref="Reason"/>.</remarks>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient, DeadLetterReason Reason);
