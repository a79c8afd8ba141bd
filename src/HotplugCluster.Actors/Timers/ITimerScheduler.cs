namespace HotplugCluster.Actors.Timers;

/// <summary>An actor's own keyed timers (Akka's <c>ITimerScheduler</c>): bound to the actor's lifetime, cancelled on restart and stop;
/// restarting or cancelling a key guarantees its earlier message is not received, even if already queued.</summary>
public interface ITimerScheduler
{
    /// <summary>Sends <paramref name="message"/> to self once after <paramref name="delay"/>, replacing any timer with the same key.</summary>
    void StartSingleTimer(object key, object message, TimeSpan delay);

    /// <summary>Sends <paramref name="message"/> to self every <paramref name="interval"/>, replacing any timer with the same key.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    /// <summary>Sends <paramref name="message"/> to self after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, object message, TimeSpan initialDelay, TimeSpan interval);

    /// <summary>True while a timer with this key is pending (a single timer stops being active once its message is received).</summary>
    bool IsTimerActive(object key);

    /// <summary>Cancels the timer with this key, if any.</summary>
    void Cancel(object key);

    /// <summary>Cancels every timer of the actor.</summary>
    void CancelAll();
}
