namespace HotplugCluster.Actors.Supervision;

/// <summary>Applies Restart and Stop to every child of the supervisor when one fails; Resume only resumes the failed child (Akka semantics).</summary>
/// <remarks>The retry limit is checked against the failed child's own restart count, not the sum over its siblings.</remarks>
public sealed class AllForOneStrategy : SupervisorStrategy
{
    /// <summary>A strategy with unlimited restarts.</summary>
    public AllForOneStrategy(Func<Exception, Directive> decider)
        : base(-1, null, decider)
    {
    }

    /// <summary>A strategy that stops all children when the failed one was restarted more than <paramref name="maxNrOfRetries"/> times within <paramref name="withinTimeRange"/>.</summary>
    public AllForOneStrategy(int maxNrOfRetries, TimeSpan? withinTimeRange, Func<Exception, Directive> decider)
        : base(maxNrOfRetries, withinTimeRange, decider)
    {
    }

    public override bool AppliesToAllChildren => true;
}
