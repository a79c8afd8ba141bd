namespace HotplugCluster.Actors.Supervision;

/// <summary>Decides what happens to a failed child. Extension point: <see cref="OneForOneStrategy"/> and <see cref="AllForOneStrategy"/>.</summary>
public abstract class SupervisorStrategy
{
    /// <summary>Creates a strategy allowing <paramref name="maxNrOfRetries"/> restarts per child within <paramref name="withinTimeRange"/>
    /// (negative retries = unlimited, null window = forever); a child exceeding the limit is stopped.</summary>
    protected SupervisorStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        if (withinTimeRange is { } w && w <= TimeSpan.Zero)
        {
            throw new ArgumentException("withinTimeRange must be positive when given", nameof(withinTimeRange));
        }

        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        Decider = decider;
    }

    /// <summary>Akka's default: restart on any exception, stop on initialization failure, kill and death pact; unlimited retries.</summary>
    public static SupervisorStrategy Default { get; } = new OneForOneStrategy(DefaultDecider);

    /// <summary>Stops the failed child whatever the exception.</summary>
    public static SupervisorStrategy StoppingStrategy { get; } = new OneForOneStrategy(static _ => Directive.Stop);

    /// <summary>Restarts allowed per child within <see cref="WithinTimeRange"/>; negative means unlimited.</summary>
    public int MaxNrOfRetries { get; }

    /// <summary>The window over which restarts are counted; null counts them forever.</summary>
    public TimeSpan? WithinTimeRange { get; }

    /// <summary>Maps a failure to a directive.</summary>
    public Func<Exception, Directive> Decider { get; }

    /// <summary>True when the directive applies to every child (all-for-one), false when only to the failed one.</summary>
    public abstract bool AppliesToAllChildren { get; }

    /// <summary>The default decider: Stop for <see cref="ActorInitializationException"/>, <see cref="ActorKilledException"/>
    /// and <see cref="DeathPactException"/>, Restart otherwise.</summary>
    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException or ActorKilledException or DeathPactException => Directive.Stop,
        _ => Directive.Restart,
    };
}
