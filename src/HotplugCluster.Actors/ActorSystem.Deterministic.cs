using HotplugCluster.Actors.Dispatch;

namespace HotplugCluster.Actors;

/// <summary>Driving a deterministic system from the caller's thread. Every method throws <see cref="InvalidOperationException"/> on a
/// parallel system, and when called re-entrantly (from an actor or an Ask continuation running inside a step).</summary>
public sealed partial class ActorSystem
{
    /// <summary>The number of steps run so far (one step = one message, system message or actor creation).</summary>
    public long StepCount => Deterministic.StepCount;

    /// <summary>The recorded choices, when <see cref="ActorSystemSettings.RecordTrace"/> is on; null otherwise.</summary>
    public Trace? Trace => Deterministic.Trace;

    /// <summary>Runs steps until no actor is enabled, firing timers already due but never moving the clock; returns the steps run.</summary>
    public long RunUntilQuiescent(long maxSteps = long.MaxValue) => Deterministic.RunUntilQuiescent(maxSteps);

    /// <summary>Runs up to <paramref name="count"/> steps, jumping the clock to the next timer whenever nothing is enabled; returns the steps run
    /// (fewer when nothing is enabled and no timer is pending).</summary>
    public long RunSteps(long count) => Deterministic.RunSteps(count);

    /// <summary>Runs for <paramref name="duration"/> of virtual time: timers fire in due order, each followed by the steps it enables;
    /// the clock ends exactly <paramref name="duration"/> later.</summary>
    public void AdvanceTime(TimeSpan duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        Deterministic.RunUntil(static () => false, duration);
    }

    /// <summary>Runs until <paramref name="task"/> completes, jumping the clock from timer to timer; throws <see cref="TimeoutException"/>
    /// if it has not completed after <paramref name="maxVirtualTime"/> (default: twice the ask timeout) of virtual time. Never hangs.</summary>
    public void RunUntil(Task task, TimeSpan? maxVirtualTime = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        var limit = maxVirtualTime ?? Settings.AskTimeout * 2;
        if (!Deterministic.RunUntil(() => task.IsCompleted, limit))
        {
            throw new TimeoutException($"the task did not complete within {limit} of virtual time (no enabled actor and no timer could complete it)");
        }
    }

    /// <summary>Runs until <paramref name="condition"/> holds or <paramref name="maxVirtualTime"/> of virtual time has passed; returns whether it held.</summary>
    public bool RunUntil(Func<bool> condition, TimeSpan maxVirtualTime) => Deterministic.RunUntil(condition, maxVirtualTime);

    /// <summary>Registers the observer of every user-message delivery (null removes it).</summary>
    public void SetDeliveryObserver(IDeliveryObserver? observer) => Deterministic.Observer = observer;

    private DeterministicDispatcher Deterministic =>
        _deterministic ?? throw new InvalidOperationException("this system runs the parallel dispatcher; run methods belong to deterministic systems and islands");
}
