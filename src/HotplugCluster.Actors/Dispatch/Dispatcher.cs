using HotplugCluster.Actors.Cells;
using HotplugCluster.Actors.Timers;

namespace HotplugCluster.Actors.Dispatch;

/// <summary>Owns the mailboxes of the actors it runs and decides when they run.</summary>
internal abstract class Dispatcher(ActorSystem system)
{
    public ActorSystem System { get; } = system;

    public abstract IScheduler Scheduler { get; }

    /// <summary>True when promises must complete inline (on the driving thread) rather than on the thread pool.</summary>
    public abstract bool IsDeterministic { get; }

    /// <summary>The sender of the message being processed by the calling actor (which must run on this dispatcher).</summary>
    public abstract IActorRef? CurrentSender { get; }

    public abstract long NextId();

    /// <summary>Enqueues a user message; the caller has checked the cell is not terminated.</summary>
    public abstract void Post(ActorCell cell, Envelope envelope);

    public abstract void PostSystem(ActorCell cell, SystemMessage message);

    /// <summary>Makes a newly created cell runnable (its first step runs the constructor).</summary>
    public abstract void Start(ActorCell cell);

    /// <summary>Puts unstashed messages at the head of the cell's queue, in order; called on the cell's own thread.</summary>
    public abstract void Prepend(ActorCell cell, Envelope[] envelopes);

    /// <summary>Moves every queued user message of a terminated cell to dead letters.</summary>
    public abstract void DrainToDeadLetters(ActorCell cell);

    /// <summary>Whether <paramref name="cell"/> has no message queued, user or system; false where that cannot be known on the calling thread.</summary>
    public virtual bool IsIdle(ActorCell cell) => false;

    /// <summary>Takes back the mailbox of <paramref name="cell"/>, which stopped within its own message with nothing queued and will get no message again; by default kept.</summary>
    public virtual void Recycle(ActorCell cell)
    {
    }
}
