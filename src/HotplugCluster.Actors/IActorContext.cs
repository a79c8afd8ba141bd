using HotplugCluster.Actors.Timers;

namespace HotplugCluster.Actors;

/// <summary>The actor's view of itself and the runtime; valid only on the actor's own thread while it processes a message or a hook.</summary>
public interface IActorContext
{
    /// <summary>This actor.</summary>
    IActorRef Self { get; }

    /// <summary>The sender of the message being processed, or <see cref="ActorSystem.DeadLetters"/> when there is none.</summary>
    IActorRef Sender { get; }

    /// <summary>The supervisor; null only for the root guardian.</summary>
    IActorRef? Parent { get; }

    /// <summary>The system the actor belongs to.</summary>
    ActorSystem System { get; }

    /// <summary>The scheduler of the actor's dispatcher: virtual time on the deterministic dispatcher and inside islands.</summary>
    IScheduler Scheduler { get; }

    /// <summary>The live children in creation order.</summary>
    IReadOnlyList<IActorRef> Children { get; }

    /// <summary>Creates a child; <paramref name="name"/> must be unique among live siblings, null gives <c>$id</c>.</summary>
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>The live child with this name, or null.</summary>
    IActorRef? Child(string name);

    /// <summary>Stops <paramref name="actor"/> (a child or self) asynchronously: it finishes its current message, stops its children, then runs PostStop.</summary>
    void Stop(IActorRef actor);

    /// <summary>Delivers <see cref="Messages.Terminated"/> when <paramref name="actor"/> stops (immediately if it already has).</summary>
    IActorRef Watch(IActorRef actor);

    /// <summary>Stops watching; no <see cref="Messages.Terminated"/> for it is delivered afterwards.</summary>
    IActorRef Unwatch(IActorRef actor);

    /// <summary>Replaces the current behaviour with <paramref name="behavior"/>.</summary>
    void Become(Receive behavior);

    /// <summary>Pushes <paramref name="behavior"/> on top of the current one.</summary>
    void BecomeStacked(Receive behavior);

    /// <summary>Pops the top behaviour; the actor's initial behaviour is never popped.</summary>
    void UnbecomeStacked();
}
