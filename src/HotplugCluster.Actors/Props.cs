using HotplugCluster.Actors.Supervision;

namespace HotplugCluster.Actors;

/// <summary>An immutable recipe for creating an actor; used again on every restart, so the factory must return a fresh instance.</summary>
public sealed class Props
{
    private Props(Func<ActorBase> factory, Type actorType, SupervisorStrategy? supervisorStrategy)
    {
        Factory = factory;
        ActorType = actorType;
        SupervisorStrategy = supervisorStrategy;
    }

    /// <summary>The type of actor this recipe creates (for diagnostics).</summary>
    public Type ActorType { get; }

    /// <summary>The strategy that supervises this actor's children, overriding the actor's own <see cref="ActorBase.SupervisorStrategy"/>.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

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
        return new Props(Factory, ActorType, strategy);
    }
}
