using System.Runtime.CompilerServices;
using HotplugCluster.Actors.Dispatch;
using HotplugCluster.Actors.Timers;

namespace HotplugCluster.Actors.Cells;

/// <summary>The <see cref="IActorContext"/> face of the cell.</summary>
internal sealed partial class ActorCell : IActorContext
{
    public IActorRef Self => this;

    public IActorRef Sender
    {
        // Read by most handlers (a reply): inlined, and the sealed deterministic dispatcher's sender read without a virtual call.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (Dispatcher is DeterministicDispatcher deterministic ? deterministic.CurrentSender : Dispatcher.CurrentSender) ?? Dispatcher.System.DeadLetters;
    }

    public IActorRef? Parent => _parent;

    public ActorSystem System => Dispatcher.System;

    public IScheduler Scheduler => Dispatcher.Scheduler;

    internal IStash Stash => Extras.Stash ??= new ActorStash(this);

    internal ITimerScheduler Timers => Extras.Timers ??= new TimerScheduler(this, Dispatcher.Scheduler);

    public void Become(Receive behavior)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        var stack = Extras.Behaviors ??= [];
        if (stack.Count > 0)
        {
            stack[^1] = behavior;
        }
        else
        {
            stack.Add(behavior);
        }
    }

    public void BecomeStacked(Receive behavior)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        (Extras.Behaviors ??= []).Add(behavior);
    }

    public void UnbecomeStacked()
    {
        if (_extras?.Behaviors is { Count: > 0 } stack)
        {
            stack.RemoveAt(stack.Count - 1);
        }
    }

    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is not ActorCell cell)
        {
            return;
        }

        if (cell._parent == this)
        {
            lock (Extras.ChildrenLock)
            {
                (Extras.StoppingChildren ??= []).Add(cell);
            }
        }

        cell.SendSystem(new SystemMessage(SystemMessageKind.Terminate));
    }
}
