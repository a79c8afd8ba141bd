using HotplugCluster.Actors.Messages;
using HotplugCluster.Actors.Supervision;

namespace HotplugCluster.Actors.Cells;

/// <summary>Failure handling: suspend and report to the parent, the parent's supervision decision, and restart.</summary>
internal sealed partial class ActorCell
{
    /// <summary>The actor failed: it stops processing user messages until its supervisor decides.</summary>
    private void HandleInvokeFailure(Exception cause, object? message)
    {
        if ((Flags & Terminated) != 0)
        {
            return;
        }

        Dispatcher.System.EventStream.Publish(new ActorFailed(this, cause));
        if ((Flags & Terminating) != 0)
        {
            return;
        }

        Flags |= Suspended;
        Extras.FailedMessage = message;
        if (_parent is null)
        {
            // The root guardian has no supervisor: a failure there ends the system.
            BeginTerminate();
            return;
        }

        _parent.SendSystem(new SystemMessage(SystemMessageKind.Failed, this, cause));
    }

    private void HandleChildFailure(ActorCell child, Exception cause)
    {
        if (child._parent != this || child.IsTerminated)
        {
            return;
        }

        var strategy = _props.SupervisorStrategy ?? _actor?.InvokeSupervisorStrategy() ?? SupervisorStrategy.Default;
        Directive directive;
        try
        {
            directive = strategy.Decider(cause);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, null);
            return;
        }

        if (directive == Directive.Restart)
        {
            ChildRestartStats stats;
            lock (Extras.ChildrenLock)
            {
                var all = Extras.RestartStats ??= [];
                if (!all.TryGetValue(child, out stats!))
                {
                    stats = new ChildRestartStats();
                    all[child] = stats;
                }
            }

            if (!stats.RequestRestartPermission(strategy, Dispatcher.Scheduler.Now))
            {
                directive = Directive.Stop;
            }
        }

        switch (directive)
        {
            case Directive.Resume:
                child.SendSystem(new SystemMessage(SystemMessageKind.Resume));
                break;
            case Directive.Restart:
                foreach (var c in strategy.AppliesToAllChildren ? ChildSnapshot() : [child])
                {
                    c.SendSystem(new SystemMessage(SystemMessageKind.Recreate, Cause: cause));
                }

                break;
            case Directive.Stop:
                foreach (var c in strategy.AppliesToAllChildren ? ChildSnapshot() : [child])
                {
                    Stop(c);
                }

                break;
            default:
                HandleInvokeFailure(cause, null);
                break;
        }
    }

    private void BeginRecreate(Exception cause)
    {
        if ((Flags & (Terminating | AwaitingChildrenForRestart)) != 0)
        {
            return;
        }

        Flags |= Suspended;
        if (_actor is not null)
        {
            try
            {
                _actor.InvokePreRestart(cause, _extras?.FailedMessage);
            }
            catch (Exception e)
            {
                Dispatcher.System.EventStream.Publish(new ActorFailed(this, e));
            }
        }

        _extras?.Timers?.CancelAll();
        if (_extras?.StoppingChildren is { Count: > 0 })
        {
            // Akka waits for the children PreRestart stopped, so the new instance may reuse their names.
            Flags |= AwaitingChildrenForRestart;
            Extras.PendingRestartCause = cause;
            return;
        }

        FinishRecreate(cause);
    }

    private void FinishRecreate(Exception cause)
    {
        Flags &= ~AwaitingChildrenForRestart;
        if (_extras is { } extras)
        {
            extras.Behaviors = null;
            extras.Timers = null;
            extras.FailedMessage = null;
            extras.PendingRestartCause = null;
            if (extras.Stash is { } stash)
            {
                stash.UnstashAll();
            }
        }

        try
        {
            SetActor(NewInstance());
            Flags &= ~Suspended;
            _actor.InvokePostRestart(cause);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(new ActorInitializationException($"{Path}: restart failed: {e.Message}", e), null);
        }
    }
}
