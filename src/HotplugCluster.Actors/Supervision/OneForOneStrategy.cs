namespace HotplugCluster.Actors.Supervision;

/// <summary>Applies the decided directive to the failed child only.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    /// <summary>A strategy with unlimited restarts.</summary>
    public OneForOneStrategy(Func<Exception, Directive> decider)
        : base(-1, null, decider)
    {
    }

    /// <summary>A strategy that stops a child restarted more than <paramref name="maxNrOfRetries"/> times within <paramref name="withinTimeRange"/>.</summary>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    public override bool AppliesToAllChildren => false;
}
