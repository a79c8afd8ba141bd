namespace HotplugCluster.Actors.Timers;

/// <summary>A scheduler on a <see cref="TimeProvider"/> (the system clock by default) for the parallel dispatcher.</summary>
internal sealed class RealTimeScheduler(TimeProvider timeProvider) : IScheduler
{
    private readonly long _start = timeProvider.GetTimestamp();

    public TimeSpan Now => timeProvider.GetElapsedTime(_start);

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        return Start(delay, Timeout.InfiniteTimeSpan, () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return Start(initialDelay, interval, () => receiver.Tell(message, sender));
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Start(delay, Timeout.InfiniteTimeSpan, action);
    }

    private RealTimer Start(TimeSpan delay, TimeSpan period, Action action)
    {
        var timer = new RealTimer(action);
        timer.Attach(timeProvider.CreateTimer(static s => ((RealTimer)s!).Fire(), timer, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, period));
        return timer;
    }

    private sealed class RealTimer(Action action) : ICancelable
    {
        private ITimer? _timer;
        private volatile bool _cancelled;

        public bool IsCancellationRequested => _cancelled;

        public void Attach(ITimer timer)
        {
            _timer = timer;
            if (_cancelled)
            {
                timer.Dispose();
            }
        }

        public void Fire()
        {
            if (!_cancelled)
            {
                action();
            }
        }

        public void Cancel()
        {
            _cancelled = true;
            _timer?.Dispose();
        }
    }
}
