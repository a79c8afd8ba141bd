namespace HotplugCluster.Simulation.Hosts;

/// <summary>An operation the host has started: its id, the kernel function, and what it waits for now (null when running or done).</summary>
public sealed class OperationStatus(string opId, string? name)
{
    // A write's name until its thread plans it ("write PATH"), formatted only when read: the plan names almost every write.
    private string? _name = name;
    private string? _writePath;

    /// <summary>A write of <paramref name="path"/>, named "write PATH" until its thread has planned it.</summary>
    internal OperationStatus(string opId, string? name, string? path)
        : this(opId, name)
    {
        _writePath = path;
    }

    public string OpId { get; } = opId;

    public string Name
    {
        get => _name ??= "write " + _writePath;
        internal set => (_name, _writePath) = (value, null);
    }

    // What the thread waits on, formatted only when read (a stuck report): a fleet run sends millions of steps.
    private string? _waitingVerb;
    private object? _waitingOn;
    private Locks.LockName _waitingLock;

    /// <summary>The lock or step reply the operation's thread is blocked on, or null.</summary>
    public string? WaitingFor
    {
        get => _waitingVerb is not null ? _waitingVerb + " " + _waitingLock : _waitingOn?.ToString();
        internal set => (_waitingVerb, _waitingOn) = (null, value);
    }

    /// <summary>Notes that the thread waits for a step's reply.</summary>
    internal void WaitFor(Kernel.Operations.KernelStep step) => (_waitingVerb, _waitingOn) = (null, step);

    /// <summary>Notes that the thread waits for a lock owner's answer ("lock X" / "unlock X"), without boxing the name.</summary>
    internal void WaitFor(string verb, Locks.LockName name) => (_waitingVerb, _waitingLock, _waitingOn) = (verb, name, null);

    /// <summary>Whether the operation returned (successfully, with an errno, or faulted).</summary>
    public bool Finished { get; internal set; }

    public override string ToString() => $"{OpId} ({Name})";
}
