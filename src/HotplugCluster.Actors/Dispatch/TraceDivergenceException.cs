namespace HotplugCluster.Actors.Dispatch;

/// <summary>Thrown out of a run method when a <see cref="ReplayStrategy"/> cannot follow its trace.</summary>
public sealed class TraceDivergenceException : Exception
{
    public TraceDivergenceException()
    {
    }

    public TraceDivergenceException(string message)
        : base(message)
    {
    }

    public TraceDivergenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal TraceDivergenceException(TraceDivergence divergence)
        : base(divergence.ToString()) => Divergence = divergence;

    /// <summary>Where and how the replay diverged.</summary>
    public TraceDivergence? Divergence { get; }
}
