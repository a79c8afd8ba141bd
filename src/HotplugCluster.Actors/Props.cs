using HotplugCluster.Actors.Supervision;

namespace HotplugCluster.Actors;

/// <summary>An immutable recipe for creating an actor; used again on every restart, so the factory must return a fresh instance.</summary>
public sealed class Props
{
    private Props(Func<ActorBase> factory, Type actorType, SupervisorStrategy? supervisorStrategy, bool createsOnFirstMessage = false)
    {
        Factory = factory;
        ActorType = actorType;
        SupervisorStrategy = supervisorStrategy;
        CreatesOnFirstMessage = createsOnFirstMessage;
    }

    /// <summary>The type of actor this recipe creates (for diagnostics).</summary>
    public Type ActorType { get; }

    /// <summary>The strategy that supervises this actor's children, overriding the actor's own <see cref="ActorBase.SupervisorStrategy"/>.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    /// <summary>
    /// Whether the actor is constructed (and <c>PreStart</c> runs) only when its first message or stop arrives, rather than
    /// in a step of its own right after <c>ActorOf</c>. Until then it is a reference, a name and a cell: a parent of
    /// millions of children that mostly never hear from anyone pays for the ones that do.
    /// </summary>
    public bool CreatesOnFirstMessage { get; }

    internal Func<ActorBase> Factory { get; }

    /// <summary>Props for an actor with a public parameterless constructor.</summary>
    public static Props Create<TActor>()
        where TActor : ActorBase, new() => new(static () => new TActor(), typeof(TActor), null);

    /// <summary>Props for an actor built by <paramref name="factory"/> (called on the actor's dispatcher, once per incarnation).</summary>
    public static Props Create<TActor>(Func<TActor> factory)
        where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(factory, typeof(TActor), null);
    }

    /// <summary>A copy whose children are supervised by <paramref name="strategy"/>.</summary>
    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new Props(Factory, ActorType, strategy, CreatesOnFirstMessage);
    }

    /// <summary>
    /// A copy whose actors are created on their first message (see <see cref="CreatesOnFirstMessage"/>). Only for actors whose
    /// constructor and <c>PreStart</c> affect nothing but themselves: under a deterministic dispatcher the creation step
    /// moves from right after <c>ActorOf</c> to just before the first message, so a schedule no longer holds it.
    /// </summary>
    public Props WithCreationOnFirstMessage() => new(Factory, ActorType, SupervisorStrategy, createsOnFirstMessage: true);
}
