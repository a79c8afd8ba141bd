namespace HotplugCluster.Exploration.Traces;

/// <summary>
/// The first violation of a schedule: the invariant's name (or <c>deadlock</c>, <c>expect</c>, <c>operation-fault</c>),
/// its message, the schedule step after which it was seen (steps since the lanes started), and the lane and
/// operation whose step exposed it (null when found at the end).
/// </summary>
public sealed record Finding(string Invariant, string Message, int Step, string? Lane, string? OpId, string? KernelStep)
{
    public override string ToString() =>
        $"{Invariant} after step {Step}" + (Lane is null ? "" : $" ({Lane}/{OpId}: {KernelStep})") + $": {Message}";
}
