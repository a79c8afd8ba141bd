namespace HotplugCluster.Actors.Supervision;

/// <summary>Counts one child's restarts inside the strategy's time window (allocated on a child's first failure only).</summary>
internal sealed class ChildRestartStats
{
    private int _count;
    private TimeSpan _windowStart;

    /// <summary>Records a restart at <paramref name="now"/> and says whether it is still within the strategy's limit.</summary>
    public bool RequestRestartPermission(SupervisorStrategy strategy, TimeSpan now)
    {
        if (strategy.MaxNrOfRetries < 0)
        {
            return true;
        }

        if (strategy.WithinTimeRange is { } window && now - _windowStart > window)
        {
            _windowStart = now;
            _count = 0;
        }

        _count++;
        return _count <= strategy.MaxNrOfRetries;
    }
}
