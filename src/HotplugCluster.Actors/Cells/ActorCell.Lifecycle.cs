using HotplugCluster.Actors.Messages;

namespace HotplugCluster.Actors.Cells;

/// <summary>Creation, system-message handling and termination.</summary>
internal sealed partial class ActorCell
{
    /// <summary>Runs the constructor and PreStart: the actor's first step.</summary>
    internal void Create()
    {
        Flags &= ~PendingCreate;
        try
        {
            SetActor(NewInstance());
            _actor.InvokePreStart();
        }
        catch (Exception e)
        {
            HandleInvokeFailure(new ActorInitializationException($"{Path}: creation failed: {e.Message}", e), null);
        }
    }

    internal void HandleSystem(SystemMessage message)
    {
        if ((Flags & Terminated) != 0)
        {
            if (message.Kind == SystemMessageKind.Watch && message.Actor is ActorCell watcher)
            {
                watcher.SendSystem(new SystemMessage(SystemMessageKind.DeathWatchNotification, this));
            }

            return;
        }

        switch (message.Kind)
        {
            case SystemMessageKind.Terminate:
                BeginTerminate();
                break;
            case SystemMessageKind.Failed:
                HandleChildFailure((ActorCell)message.Actor!, message.Cause!);
                break;
            case SystemMessageKind.Resume:
                if ((Flags & (Terminating | AwaitingChildrenForRestart)) == 0)
                {
                    Flags &= ~Suspended;
                }

                break;
            case SystemMessageKind.Recreate:
                BeginRecreate(message.Cause!);
                break;
            case SystemMessageKind.Watch:
                AddWatcher((ActorCell)message.Actor!);
                break;
            case SystemMessageKind.Unwatch:
                _extras?.Watchers?.Remove((ActorCell)message.Actor!);
                break;
            case SystemMessageKind.DeathWatchNotification:
                HandleDeathWatchNotification(message.Actor!);
                break;
            case SystemMessageKind.ChildTerminated:
                HandleChildTerminated((ActorCell)message.Actor!);
                break;
        }
    }

    /// <summary>Installs a new instance, and marks the cell <see cref="Untyped"/> when it is one.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(_actor))]
    private void SetActor(ActorBase actor)
    {
        _actor = actor;
        Flags = actor is UntypedActor ? Flags | Untyped : Flags & ~Untyped;
    }

    private ActorBase NewInstance()
    {
        t_constructing = this;
        try
        {
            var actor = _props.Factory();
            if (actor.Cell != this)
            {
                throw new InvalidOperationException($"{Path}: the Props factory must return a new actor instance");
            }

            return actor;
        }
        finally
        {
            t_constructing = null;
        }
    }

    private void BeginTerminate()
    {
        if ((Flags & (Terminating | Terminated)) != 0)
        {
            return;
        }

        Flags |= Terminating | Suspended;
        _extras?.Timers?.CancelAll();
        if (_extras is null)
        {
            // No children ever (a short-lived actor): nothing to snapshot.
            FinishTerminate();
            return;
        }

        var children = ChildSnapshot();
        if (children.Count == 0)
        {
            FinishTerminate();
            return;
        }

        foreach (var child in children)
        {
            child.SendSystem(new SystemMessage(SystemMessageKind.Terminate));
        }
    }

    /// <summary>
    /// Stops this actor within its current message when nothing could tell that from <c>Context.Stop(Self)</c> but the steps
    /// it saves: it runs now on this thread, has no children, nothing queued or stashed, nobody watching it, and a parent that
    /// is neither stopping nor restarting (whose only work on the child's end would be to forget it). PostStop runs and the
    /// parent forgets the child now, instead of in a Terminate step and a parent notice step. False, with nothing done, otherwise.
    /// </summary>
    internal bool TryStopSelfNow()
    {
        var parent = _parent;
        if (Current != this
            || (Flags & (Terminating | Terminated)) != 0
            || parent is null
            || (parent.Flags & (Terminating | AwaitingChildrenForRestart)) != 0
            || _extras is { ChildCount: > 0 } or { Stash: not null } or { Watchers.Count: > 0 }
            || !Dispatcher.IsIdle(this))
        {
            return false;
        }

        Flags |= Terminating | Suspended;
        _extras?.Timers?.CancelAll();
        FinishTerminate(notifyParent: false);
        parent.RemoveChild(this);
        Dispatcher.Recycle(this);
        return true;
    }

    private void FinishTerminate(bool notifyParent = true)
    {
        if (_actor is not null)
        {
            try
            {
                _actor.InvokePostStop();
            }
            catch (Exception e)
            {
                Dispatcher.System.EventStream.Publish(new Messages.ActorFailed(this, e));
            }
        }

        Volatile.Write(ref Flags, (Flags & ~Terminating) | Terminated);
        var deadLetters = Dispatcher.System.DeadLettersRef;
        if (_extras?.Stash is { } stash)
        {
            foreach (var e in stash.TakeAll())
            {
                deadLetters.Publish(new DeadLetter(e.Message, e.Sender, this, DeadLetterReason.RecipientStopped));
            }
        }

        Dispatcher.DrainToDeadLetters(this);
        if (_extras?.Watchers is { } watchers)
        {
            foreach (var watcher in watchers)
            {
                watcher.SendSystem(new SystemMessage(SystemMessageKind.DeathWatchNotification, this));
            }
        }

        if (_extras?.Watching is { } watching)
        {
            foreach (var watchee in watching)
            {
                (watchee as ActorCell)?.SendSystem(new SystemMessage(SystemMessageKind.Unwatch, this));
            }
        }

        _actor = null;
        _extras = null;
        if (_parent is not null)
        {
            if (notifyParent)
            {
                _parent.SendSystem(new SystemMessage(SystemMessageKind.ChildTerminated, this));
            }
        }
        else
        {
            Dispatcher.System.OnRootTerminated();
        }
    }

    private void HandleChildTerminated(ActorCell child)
    {
        if (!RemoveChild(child) || ChildCount > 0)
        {
            return;
        }

        if ((Flags & Terminating) != 0)
        {
            FinishTerminate();
        }
        else if ((Flags & AwaitingChildrenForRestart) != 0 && _extras?.StoppingChildren is not { Count: > 0 })
        {
            FinishRecreate(_extras!.PendingRestartCause!);
        }
    }
}
