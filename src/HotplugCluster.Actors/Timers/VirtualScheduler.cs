namespace HotplugCluster.Actors.Timers;

/// <summary>A scheduler on a virtual clock that moves only when its dispatcher advances it; timers due at the same instant fire in
/// the order they were scheduled.</summary>
/// <remarks>Locked because islands may be handed timers (ask timeouts) from other threads; the lock is never held while a timer runs.</remarks>
internal sealed class VirtualScheduler : IScheduler
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<VirtualTimer, (long Due, long Seq)> _queue = new();
    private long _nowTicks;
    private long _seq;

    public TimeSpan Now => TimeSpan.FromTicks(Volatile.Read(ref _nowTicks));

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        return Add(delay, new VirtualTimer(TimeSpan.Zero, receiver, message, sender, null));
    }

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return Add(initialDelay, new VirtualTimer(interval, receiver, message, sender, null));
    }

    public ICancelable ScheduleOnce(TimeSpan delay, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Add(delay, new VirtualTimer(TimeSpan.Zero, null, null, null, action));
    }

    /// <summary>The due time of the earliest live timer, or null when none is pending.</summary>
    public TimeSpan? NextDue()
    {
        lock (_lock)
        {
            return PeekLive() is { } due ? TimeSpan.FromTicks(due) : null;
        }
    }

    /// <summary>Fires the earliest live timer if it is due at or before <paramref name="limit"/>, moving the clock to its due time.</summary>
    public bool FireNext(TimeSpan limit)
    {
        VirtualTimer timer;
        long due;
        lock (_lock)
        {
            if (PeekLive() is not { } next || next > limit.Ticks)
            {
                return false;
            }

            due = next;
            timer = _queue.Dequeue();
            if (due > _nowTicks)
            {
                Volatile.Write(ref _nowTicks, due);
            }
        }

        timer.Run();
        if (timer.Interval > TimeSpan.Zero && !timer.IsCancellationRequested)
        {
            lock (_lock)
            {
                _queue.Enqueue(timer, (due + timer.Interval.Ticks, _seq++));
            }
        }

        return true;
    }

    /// <summary>Moves the clock forward to <paramref name="time"/> (never backwards) without firing anything.</summary>
    public void AdvanceClockTo(TimeSpan time)
    {
        lock (_lock)
        {
            if (time.Ticks > _nowTicks)
            {
                Volatile.Write(ref _nowTicks, time.Ticks);
            }
        }
    }

    private VirtualTimer Add(TimeSpan delay, VirtualTimer timer)
    {
        lock (_lock)
        {
            var due = _nowTicks + Math.Max(0, delay.Ticks);
            _queue.Enqueue(timer, (due, _seq++));
        }

        return timer;
    }

    private long? PeekLive()
    {
        while (_queue.TryPeek(out var timer, out var key))
        {
            if (!timer.IsCancellationRequested)
            {
                return key.Due;
            }

            _queue.Dequeue();
        }

        return null;
    }
}
