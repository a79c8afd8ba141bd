namespace HotplugCluster.Simulation.Hosts;

/// <summary>
/// The completion of a host's synchronous call (<see cref="SimulatedHost.Write"/>, <see cref="SimulatedHost.Run{T}"/>):
/// one call at a time, so its callback and wait predicate are made once per host. A call made while one is running (from
/// a callback) goes through a task instead.
/// </summary>
internal sealed class SyncCall
{
    public SyncCall()
    {
        Completed = o => Outcome = o;
        Done = () => Outcome is not null;
    }

    /// <summary>The request's callback: keeps the outcome.</summary>
    public Action<OperationOutcome> Completed { get; }

    /// <summary>Whether the running call has ended.</summary>
    public Func<bool> Done { get; }

    /// <summary>How the running call ended, once it has.</summary>
    public OperationOutcome? Outcome { get; private set; }

    /// <summary>Whether a call is running.</summary>
    public bool Busy { get; private set; }

    public void Begin()
    {
        Busy = true;
        Outcome = null;
    }

    public void End()
    {
        Busy = false;
        Outcome = null;
    }
}
