namespace HotplugCluster.Actors.Dispatch;

/// <summary>How an actor system runs its actors.</summary>
public enum DispatcherKind
{
    /// <summary>One thread (the caller's), one message per step, virtual time: reproducible.</summary>
    Deterministic,

    /// <summary>Actors on the .NET thread pool, real time from the settings' <see cref="TimeProvider"/>.</summary>
    Parallel,
}
