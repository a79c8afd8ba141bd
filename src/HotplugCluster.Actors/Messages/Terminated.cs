namespace HotplugCluster.Actors.Messages;

/// <summary>Delivered to a watcher once the watched actor has stopped; after every message that actor sent to the watcher.</summary>
public sealed record Terminated(IActorRef ActorRef);
