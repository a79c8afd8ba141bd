using HotplugCluster.Actors.Messages;

namespace HotplugCluster.Actors.Cells;

/// <summary>Watch, Unwatch and the delivery of <see cref="Terminated"/>.</summary>
internal sealed partial class ActorCell
{
    public IActorRef Watch(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor == this)
        {
            return actor;
        }

        var watching = Extras.Watching ??= [];
        if (!watching.Contains(actor))
        {
            watching.Add(actor);
            if (actor is ActorCell cell)
            {
                cell.SendSystem(new SystemMessage(SystemMessageKind.Watch, this));
            }
            else
            {
                // Refs that are not actors (dead letters, Ask promises) never run: they count as already stopped.
                SendSystem(new SystemMessage(SystemMessageKind.DeathWatchNotification, actor));
            }
        }

        return actor;
    }

    public IActorRef Unwatch(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (_extras?.Watching?.Remove(actor) == true && actor is ActorCell cell)
        {
            cell.SendSystem(new SystemMessage(SystemMessageKind.Unwatch, this));
        }

        return actor;
    }

    private void AddWatcher(ActorCell watcher)
    {
        var watchers = Extras.Watchers ??= [];
        if (!watchers.Contains(watcher))
        {
            watchers.Add(watcher);
        }
    }

    private void HandleDeathWatchNotification(IActorRef actor)
    {
        if (_extras?.Watching?.Remove(actor) != true || (Flags & Terminating) != 0)
        {
            return;
        }

        var state = State;
        var previous = state.Envelope;
        var terminated = new Terminated(actor);
        state.Envelope = new Envelope(terminated, actor);
        try
        {
            ReceiveMessage(terminated);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, terminated);
        }
        finally
        {
            state.Envelope = previous;
        }
    }
}
