namespace HotplugCluster.Actors.Timers;

/// <summary>A scheduled action that can be cancelled; cancelling after it ran (or twice) does nothing.</summary>
public interface ICancelable
{
    /// <summary>True once <see cref="Cancel"/> was called.</summary>
    bool IsCancellationRequested { get; }

    /// <summary>Prevents any further run of the scheduled action.</summary>
    void Cancel();
}
