namespace HotplugCluster.Simulation.Hosts;

/// <summary>An operation the host has started: its id, the kernel function, and what it waits for now (null when running or done).</summary>
public sealed class OperationStatus(string opId, string name)
{
    public string OpId { get; } = opId;

    public string Name { get; internal set; } = name;

    // What the thread waits on, formatted only when read (a stuck report): a fleet run sends millions of steps.
    private string? _waitingVerb;
    private object? _waitingOn;

    /// <summary>The lock or step reply the operation's thread is blocked on, or null.</summary>
    public string? WaitingFor
    {
        get => _waitingOn is null ? null : _waitingVerb is null ? _waitingOn.ToString() : _waitingVerb + " " + _waitingOn;
        internal set => (_waitingVerb, _waitingOn) = (null, value);
    }

    /// <summary>Notes that the thread waits on <paramref name="on"/> (a step or a lock name), after <paramref name="verb"/> when given.</summary>
    internal void WaitFor(string? verb, object on) => (_waitingVerb, _waitingOn) = (verb, on);

    /// <summary>Whether the operation returned (successfully, with an errno, or faulted).</summary>
    public bool Finished { get; internal set; }

    public override string ToString() => $"{OpId} ({Name})";
}
