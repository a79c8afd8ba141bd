namespace HotplugCluster.Actors.Timers;

/// <summary>Runs actions and sends messages after a delay: in virtual time on the deterministic dispatcher, in the settings'
/// <see cref="TimeProvider"/>'s time on the parallel one.</summary>
public interface IScheduler
{
    /// <summary>Time elapsed since the system (or island) started, on this scheduler's clock.</summary>
    TimeSpan Now { get; }

    /// <summary>Sends <paramref name="message"/> to <paramref name="receiver"/> once after <paramref name="delay"/> (negative = zero).</summary>
    ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender);

    /// <summary>Sends <paramref name="message"/> after <paramref name="initialDelay"/> and then every <paramref name="interval"/> (which must be positive).</summary>
    ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender);

    /// <summary>Runs <paramref name="action"/> once after <paramref name="delay"/>: on the driving thread in virtual time, on the thread pool otherwise.</summary>
    ICancelable ScheduleOnce(TimeSpan delay, Action action);
}
