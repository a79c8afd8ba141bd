namespace HotplugCluster.Simulation.Hosts;

/// <summary>
/// Nothing on the host's scheduler can run, yet an operation has not returned: a deadlock or a leaked lock
/// (e.g. the unpaired <c>mem_hotplug_begin()</c> fixed by b4223a510e2a). <see cref="Report"/> says who waits for what and who holds it.
/// </summary>
public sealed class HostStuckException : Exception
{
    public HostStuckException()
        : this("host is stuck")
    {
    }

    public HostStuckException(string report)
        : base(report)
    {
        Report = report;
    }

    public HostStuckException(string report, Exception inner)
        : base(report, inner)
    {
        Report = report;
    }

    /// <summary>The waiting operations and the lock holders.</summary>
    public string Report { get; } = "";
}
