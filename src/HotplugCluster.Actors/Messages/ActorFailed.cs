namespace HotplugCluster.Actors.Messages;

/// <summary>Published on the event stream when an actor's code throws: in a handler (before its supervisor decides) or in PostStop.</summary>
public sealed record ActorFailed(IActorRef Actor, Exception Cause);
