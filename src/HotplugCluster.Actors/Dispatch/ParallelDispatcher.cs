using System.Runtime.CompilerServices;
using HotplugCluster.Actors.Cells;
using HotplugCluster.Actors.Messages;
using HotplugCluster.Actors.Timers;

namespace HotplugCluster.Actors.Dispatch;

/// <summary>Runs actors on the .NET thread pool: an actor with work is queued once (a CAS on its Scheduled flag) and then processes all
/// system messages and up to <c>throughput</c> user messages before yielding its thread.</summary>
internal sealed class ParallelDispatcher(ActorSystem system, int throughput, TimeProvider timeProvider) : Dispatcher(system)
{
    private readonly RealTimeScheduler _scheduler = new(timeProvider);
    private long _nextId;

    public override IScheduler Scheduler => _scheduler;

    public override bool IsDeterministic => false;

    public override IActorRef? CurrentSender => ActorCell.CurrentSender;

    public override long NextId() => Interlocked.Increment(ref _nextId) - 1;

    public override void Post(ActorCell cell, Envelope envelope)
    {
        MailboxOf(cell).User.Enqueue(envelope);
        TrySchedule(cell);
    }

    public override void PostSystem(ActorCell cell, SystemMessage message)
    {
        MailboxOf(cell).System.Enqueue(message);
        TrySchedule(cell);
    }

    public override void Start(ActorCell cell) => TrySchedule(cell);

    public override void Prepend(ActorCell cell, Envelope[] envelopes)
    {
        var mailbox = MailboxOf(cell);
        var queue = new Queue<Envelope>(envelopes);
        if (mailbox.Unstashed is { } earlier)
        {
            foreach (var e in earlier)
            {
                queue.Enqueue(e);
            }
        }

        mailbox.Unstashed = queue;
    }

    public override void DrainToDeadLetters(ActorCell cell)
    {
        if (cell.Mailbox is not ParallelMailbox mailbox)
        {
            return;
        }

        while (mailbox.Unstashed is { Count: > 0 } unstashed)
        {
            Publish(cell, unstashed.Dequeue());
        }

        while (mailbox.User.TryDequeue(out var e))
        {
            Publish(cell, e);
        }
    }

    /// <summary>One turn of an actor on a pool thread.</summary>
    public void Run(ActorCell cell)
    {
        var state = ActorCell.State;
        var previous = state.Cell;
        state.Cell = cell;
        try
        {
            if ((cell.Flags & ActorCell.PendingCreate) != 0)
            {
                cell.Create();
            }

            var mailbox = Unsafe.As<ParallelMailbox?>(Volatile.Read(ref cell.Mailbox));
            if (mailbox is not null)
            {
                RunMailbox(cell, mailbox, state);
            }
        }
        finally
        {
            state.Cell = previous;
        }

        // A full fence, not a release write: the mailbox reads below must not move before it, or a sender that enqueued while we
        // were finishing (and saw Scheduled == 1) and this runner (which sees an empty queue) would both leave the message stranded.
        Interlocked.Exchange(ref cell.Scheduled, 0);
        if (HasWork(cell))
        {
            TrySchedule(cell);
        }
    }

    private void RunMailbox(ActorCell cell, ParallelMailbox mailbox, ActorThreadState state)
    {
        for (var processed = 0; ;)
        {
            while (mailbox.System.TryDequeue(out var sys))
            {
                cell.HandleSystem(sys);
            }

            if ((cell.Flags & ActorCell.Terminated) != 0)
            {
                DrainToDeadLetters(cell);
                return;
            }

            if (processed >= throughput || (cell.Flags & ActorCell.Suspended) != 0)
            {
                return;
            }

            Envelope envelope;
            if (mailbox.Unstashed is { Count: > 0 } unstashed)
            {
                envelope = unstashed.Dequeue();
            }
            else if (!mailbox.User.TryDequeue(out envelope))
            {
                return;
            }

            cell.Invoke(envelope, state);
            processed++;
        }
    }

    private static bool HasWork(ActorCell cell)
    {
        if ((cell.Flags & ActorCell.PendingCreate) != 0)
        {
            return true;
        }

        var mailbox = Unsafe.As<ParallelMailbox?>(Volatile.Read(ref cell.Mailbox));
        if (mailbox is null)
        {
            return false;
        }

        if (!mailbox.System.IsEmpty)
        {
            return true;
        }

        var suspended = (cell.Flags & ActorCell.Suspended) != 0;
        var terminated = (cell.Flags & ActorCell.Terminated) != 0;
        return terminated ? !mailbox.User.IsEmpty : !suspended && (!mailbox.User.IsEmpty || mailbox.Unstashed is { Count: > 0 });
    }

    private static ParallelMailbox MailboxOf(ActorCell cell)
    {
        var mailbox = Unsafe.As<ParallelMailbox?>(Volatile.Read(ref cell.Mailbox));
        if (mailbox is not null)
        {
            return mailbox;
        }

        Interlocked.CompareExchange(ref cell.Mailbox, new ParallelMailbox(), null);
        return Unsafe.As<ParallelMailbox>(cell.Mailbox)!;
    }

    private static void TrySchedule(ActorCell cell)
    {
        if (Interlocked.CompareExchange(ref cell.Scheduled, 1, 0) == 0)
        {
            // The global queue, although local queues measured 2.5x faster on ping-pong: a pool thread drains its local queue before
            // the global one, so a self-sustaining chain of actors could starve messages told from outside the pool (timers, callers).
            ThreadPool.UnsafeQueueUserWorkItem(cell, preferLocal: false);
        }
    }

    private void Publish(ActorCell cell, Envelope e) =>
        System.DeadLettersRef.Publish(new DeadLetter(e.Message, e.Sender, cell, DeadLetterReason.RecipientStopped));
}
