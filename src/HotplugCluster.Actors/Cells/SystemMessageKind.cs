namespace HotplugCluster.Actors.Cells;

/// <summary>The runtime's own messages, processed before user messages and even while the actor is suspended.</summary>
internal enum SystemMessageKind
{
    Terminate,
    Failed,
    Resume,
    Recreate,
    Watch,
    Unwatch,
    DeathWatchNotification,
    ChildTerminated,
}
