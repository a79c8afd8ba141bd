namespace HotplugCluster.Actors;

/// <summary>A handle to an actor: the only way to reach it. Telling a stopped actor delivers the message to dead letters.</summary>
public interface IActorRef
{
    /// <summary>The actor's path, e.g. <c>/user/host-1/memory42</c>; computed on demand (actors do not store it).</summary>
    ActorPath Path { get; }

    /// <summary>Enqueues <paramref name="message"/> for the actor; never blocks and never runs the actor's code on the caller's stack.</summary>
    void Tell(object message, IActorRef? sender);
}
