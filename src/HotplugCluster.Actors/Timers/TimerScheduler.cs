namespace HotplugCluster.Actors.Timers;

/// <summary>The per-actor timer table behind <see cref="ITimerScheduler"/>; created on the first timer an actor starts.</summary>
internal sealed class TimerScheduler(IActorRef self, IScheduler scheduler) : ITimerScheduler
{
    private readonly Dictionary<object, (int Generation, ICancelable Handle, bool Periodic)> _timers = [];
    private int _generation;

    public void StartSingleTimer(object key, object message, TimeSpan delay) => Start(key, message, delay, TimeSpan.Zero);

    public void StartPeriodicTimer(object key, object message, TimeSpan interval) => Start(key, message, interval, interval);

    public void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval) => Start(key, message, initialDelay, interval);

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var entry))
        {
            entry.Handle.Cancel();
        }
    }

    public void CancelAll()
    {
        foreach (var entry in _timers.Values)
        {
            entry.Handle.Cancel();
        }

        _timers.Clear();
    }

    /// <summary>Returns the wrapped message if its timer is still current (dropping a single timer's entry), or null if stale.</summary>
    public object? Accept(TimerMessage message)
    {
        if (!_timers.TryGetValue(message.Key, out var entry) || entry.Generation != message.Generation)
        {
            return null;
        }

        if (!entry.Periodic)
        {
            _timers.Remove(message.Key);
        }

        return message.Message;
    }

    private void Start(object key, object message, TimeSpan delay, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        Cancel(key);
        var envelope = new TimerMessage(key, ++_generation, message);
        var handle = interval > TimeSpan.Zero
            ? scheduler.ScheduleTellRepeatedly(delay, interval, self, envelope, self)
            : scheduler.ScheduleTellOnce(delay, self, envelope, self);
        _timers[key] = (envelope.Generation, handle, interval > TimeSpan.Zero);
    }
}
