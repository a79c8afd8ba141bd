namespace HotplugCluster.Actors.Timers;

/// <summary>One entry of the virtual-time queue: either a tell or an action, optionally periodic.</summary>
internal sealed class VirtualTimer(TimeSpan interval, IActorRef? receiver, object? message, IActorRef? sender, Action? action) : ICancelable
{
    private volatile bool _cancelled;

    public TimeSpan Interval { get; } = interval;

    public bool IsCancellationRequested => _cancelled;

    public void Cancel() => _cancelled = true;

    public void Run()
    {
        if (action is not null)
        {
            action();
        }
        else
        {
            receiver!.Tell(message!, sender);
        }
    }
}
