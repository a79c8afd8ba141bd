using HotplugCluster.Actors.Cells;
using HotplugCluster.Actors.Messages;
using HotplugCluster.Actors.Timers;

namespace HotplugCluster.Actors;

/// <summary>The base of every actor; derive from <see cref="UntypedActor"/> (lightest) or <see cref="ReceiveActor"/> (typed handlers).
/// Instances are created only by the runtime from <see cref="Props"/>; constructing one with <c>new</c> throws.</summary>
/// <remarks>Unlike Akka, <see cref="Stash"/> and <see cref="Timers"/> need no marker interface: they are allocated on first use.</remarks>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    private protected ActorBase() =>
        _cell = ActorCell.TakeConstructing()
            ?? throw new ActorInitializationException($"{GetType().Name}: actors are created with ActorOf(Props), not with new");

    /// <summary>This actor's context: self, sender, children, watch, become, stop.</summary>
    protected IActorContext Context => _cell;

    /// <summary>This actor's own reference.</summary>
    protected IActorRef Self => _cell;

    /// <summary>The sender of the message being processed, or dead letters when it had none.</summary>
    protected IActorRef Sender => _cell.Sender;

    /// <summary>This actor's stash (created on first use).</summary>
    protected IStash Stash => _cell.Stash;

    /// <summary>This actor's keyed timers (created on first use), running on the dispatcher's clock.</summary>
    protected ITimerScheduler Timers => _cell.Timers;

    internal ActorCell Cell => _cell;

    /// <summary>Runs before the first message; also after a restart unless <see cref="PostRestart"/> is overridden.</summary>
    protected virtual void PreStart()
    {
    }

    /// <summary>Runs once the actor and all its children have stopped; nothing is delivered afterwards.</summary>
    protected virtual void PostStop()
    {
    }

    /// <summary>Runs on the failed instance before a restart; by default stops all children and calls <see cref="PostStop"/>.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>Runs on the fresh instance after a restart; by default calls <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>Called for a message no behaviour handled: an unhandled <see cref="Terminated"/> throws <see cref="DeathPactException"/>,
    /// anything else is published as a <see cref="DeadLetter"/> with reason <see cref="DeadLetterReason.Unhandled"/>.</summary>
    protected virtual void Unhandled(object message)
    {
        if (message is Terminated terminated)
        {
            throw new DeathPactException($"{Self.Path}: unhandled Terminated of {terminated.ActorRef.Path}");
        }

        _cell.System.DeadLettersRef.Publish(new DeadLetter(message, Sender, Self, DeadLetterReason.Unhandled));
    }

    /// <summary>The strategy supervising this actor's children (unless its Props name one); Akka's default unless overridden.</summary>
    protected virtual Supervision.SupervisorStrategy SupervisorStrategy() => Supervision.SupervisorStrategy.Default;

    internal abstract bool ReceiveCore(object message);

    internal void InvokePreStart() => PreStart();

    internal void InvokePostStop() => PostStop();

    internal void InvokePreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void InvokePostRestart(Exception reason) => PostRestart(reason);

    internal void InvokeUnhandled(object message) => Unhandled(message);

    internal Supervision.SupervisorStrategy InvokeSupervisorStrategy() => SupervisorStrategy();
}
