namespace HotplugCluster.Kernel.Host;

/// <summary>
/// Signals pending on tasks (<c>signal_pending(current)</c>): a task is an operation id of the executor. Like
/// <see cref="HostState.Faults"/> this is run input, not kernel state, and is not journaled; its effects (-EINTR,
/// the cancelled offline) are. The executor names the task whose step runs in <see cref="Running"/>.
/// </summary>
public sealed class SignalBoard
{
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);

    /// <summary>The task whose step is running now (set by the executor before each step), or null.</summary>
    public string? Running { get; set; }

    /// <summary>A copy: the running task and the pending signals.</summary>
    internal SignalBoard Copy()
    {
        var copy = new SignalBoard { Running = Running };
        copy._pending.UnionWith(_pending);
        return copy;
    }

    /// <summary>Whether the running task has a signal pending.</summary>
    public bool PendingForRunning => Running is not null && _pending.Count > 0 && _pending.Contains(Running);

    /// <summary>Sends a signal to <paramref name="task"/>; it stays pending until the task returns to user space.</summary>
    public void Raise(string task) => _pending.Add(task);

    /// <summary>The task returned: its pending signal is delivered (and gone).</summary>
    public void Clear(string task) => _pending.Remove(task);
}
