namespace HotplugCluster.Simulation.Hosts;

/// <summary>An operation the host has started: its id, the kernel function, and what it waits for now (null when running or done).</summary>
public sealed class OperationStatus(string opId, string name)
{
    public string OpId { get; } = opId;

    public string Name { get; internal set; } = name;

    /// <summary>The lock or step reply the operation's thread is blocked on, or null.</summary>
    public string? WaitingFor { get; internal set; }

    /// <summary>Whether the operation returned (successfully, with an errno, or faulted).</summary>
    public bool Finished { get; internal set; }

    public override string ToString() => $"{OpId} ({Name})";
}
