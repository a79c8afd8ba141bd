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

    /// <summary>A pool work item: the actor's turn, then the turns of the actors handed off to this thread (<see cref="TrySchedule"/>).</summary>
    public void RunFromPool(ActorCell cell)
    {
        var state = ActorCell.State;
        state.HandOffs = 0;
        Run(cell);
        while (state.Next is { } next)
        {
            state.Next = null;
            Run(next);
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

    private void TrySchedule(ActorCell cell)
    {
        // Read before the CAS: with messages in flight the actor is nearly always scheduled already, and a CAS (even one that fails)
        // takes the cell's cache line exclusive, so the core running the actor, which reads Flags and Mailbox on that line for every
        // message, missed on it once per message told (the CAS and the enqueue were the two hottest instructions of a 100-in-flight
        // ping-pong). Safe without the CAS: the enqueue before this read is a full fence (the queue's tail CAS), and the runner
        // clears Scheduled with a full fence before looking at the queue (Run), so one of the two always sees the other's write.
        if (Volatile.Read(ref cell.Scheduled) != 0 || Interlocked.CompareExchange(ref cell.Scheduled, 1, 0) != 0)
        {
            return;
        }

        // An actor that gains work from the actor running on this thread, when that one has nothing left queued (a reply, the last
        // message of its turn), runs here next: queueing it would wake a parked pool thread (a futex wake-up and a migration, more than
        // the message costs), which on an idle machine was most of a ping-pong's time. A sender with more queued keeps the queue, so
        // both run at once on two cores. Bounded by the throughput, so actors that keep each other busy go back to the queue in turn.
        var state = ActorCell.State;
        if (state.Next is null && state.HandOffs < throughput && state.Cell is { } running && running.Dispatcher == this
            && Unsafe.As<ParallelMailbox?>(running.Mailbox) is { } own && own.User.IsEmpty)
        {
            state.HandOffs++;
            state.Next = cell;
            return;
        }

        // The global queue, although local queues measured 2.5x faster on ping-pong: a pool thread drains its local queue before
        // the global one, so a self-sustaining chain of actors could starve messages told from outside the pool (timers, callers).
        ThreadPool.UnsafeQueueUserWorkItem(cell, preferLocal: false);
    }

    private void Publish(ActorCell cell, Envelope e) =>
        System.DeadLettersRef.Publish(new DeadLetter(e.Message, e.Sender, cell, DeadLetterReason.RecipientStopped));
}
