using HotplugCluster.Actors.Supervision;
using HotplugCluster.Actors.Timers;

namespace HotplugCluster.Actors.Cells;

/// <summary>The state only some actors need (children, watches, behaviour stack, stash, timers, failure bookkeeping), allocated on first use
/// so that a minimal idle actor carries one null reference for all of it.</summary>
internal sealed class CellExtras
{
    public ActorCell? FirstChild;
    public ActorCell? LastChild;
    public int ChildCount;
    public Dictionary<string, ActorCell>? ChildrenByName;
    public ChildSlots? ChildrenBySlot;
    public HashSet<ActorCell>? StoppingChildren;
    public Dictionary<ActorCell, ChildRestartStats>? RestartStats;
    public List<ActorCell>? Watchers;
    public List<IActorRef>? Watching;
    public List<Receive>? Behaviors;
    public ActorStash? Stash;
    public TimerScheduler? Timers;
    public Queue<Envelope>? Unstashed;
    public object? FailedMessage;
    public Exception? PendingRestartCause;

    public Lock ChildrenLock { get; } = new();
}
