using HotplugCluster.Simulation.Messages;

namespace HotplugCluster.Simulation.Hosts;

/// <summary>An operation the host has started: its id, the kernel function, and what it waits for now (null when running or done).</summary>
public sealed class OperationStatus(string opId, string? name)
{
    // Kept for every operation a host ever ran (a fleet host runs thousands), so it holds three references: its id; the name, or a
    // write's path until its thread plans it ("write PATH", formatted only when read: the plan names almost every write);
    // and what the thread waits on, formatted only when read (a stuck report).
    private string? _nameOrPath = name;
    private bool _isPath;
    private object? _waiting;

    /// <summary>A write of <paramref name="path"/>, named "write PATH" until its thread has planned it.</summary>
    internal OperationStatus(string opId, string? name, string? path)
        : this(opId, name)
    {
        if (name is null)
        {
            (_nameOrPath, _isPath) = (path, true);
        }
    }

    public string OpId { get; } = opId;

    public string Name
    {
        get
        {
            if (_isPath || _nameOrPath is null)
            {
                (_nameOrPath, _isPath) = ("write " + _nameOrPath, false);
            }

            return _nameOrPath;
        }

        internal set => (_nameOrPath, _isPath) = (value, false);
    }

    /// <summary>The lock or step reply the operation's thread is blocked on, or null.</summary>
    public string? WaitingFor
    {
        get => _waiting switch
        {
            AcquireLock acquire => "lock " + acquire.Name,
            ReleaseLock release => "unlock " + release.Name,
            _ => _waiting?.ToString(),
        };
        internal set => _waiting = value;
    }

    /// <summary>Notes that the thread waits for a step's reply.</summary>
    internal void WaitFor(Kernel.Operations.KernelStep step) => _waiting = step;

    /// <summary>Notes that the thread waits for the lock owner's answer to <paramref name="request"/> ("lock X"), kept as it is (a message already made).</summary>
    internal void WaitFor(AcquireLock request) => _waiting = request;

    /// <summary>Notes that the thread waits for the lock owner's answer to <paramref name="request"/> ("unlock X").</summary>
    internal void WaitFor(ReleaseLock request) => _waiting = request;

    /// <summary>Whether the operation returned (successfully, with an errno, or faulted).</summary>
    public bool Finished { get; internal set; }

    public override string ToString() => $"{OpId} ({Name})";
}
