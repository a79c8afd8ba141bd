namespace HotplugCluster.Exploration.Schedules;

/// <summary>A replayed schedule no longer fits the run: at <see cref="Step"/> its choice cannot be made.</summary>
public sealed class ScheduleDivergedException : Exception
{
    public ScheduleDivergedException()
    {
    }

    public ScheduleDivergedException(string message)
        : base(message)
    {
    }

    public ScheduleDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A divergence at schedule step <paramref name="step"/>.</summary>
    public ScheduleDivergedException(int step, string reason)
        : base($"the trace diverged at step {step}: {reason}") => Step = step;

    /// <summary>The schedule step (0-based, since the lanes started) where the replay could not follow the trace.</summary>
    public int Step { get; }
}
