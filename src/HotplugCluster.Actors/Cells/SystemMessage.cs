namespace HotplugCluster.Actors.Cells;

/// <summary>A system message; <paramref name="Actor"/> is the child, watcher or watchee it concerns.</summary>
internal readonly record struct SystemMessage(SystemMessageKind Kind, IActorRef? Actor = null, Exception? Cause = null);
