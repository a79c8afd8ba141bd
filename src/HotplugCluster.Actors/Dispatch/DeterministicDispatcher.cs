using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using HotplugCluster.Actors.Cells;
using HotplugCluster.Actors.Messages;
using HotplugCluster.Actors.Timers;

namespace HotplugCluster.Actors.Dispatch;

/// <summary>Runs its actors one message per step on whichever thread drives it, the strategy choosing the actor at each step, on a
/// virtual clock. Unguarded (a deterministic system): one thread at a time by contract. Guarded (an island): other threads' tells go
/// through a concurrent inbox that is applied only when nothing is enabled, and driving takes a lock.</summary>
internal sealed partial class DeterministicDispatcher : Dispatcher
{
    // How many spare mailboxes a thread keeps (~120 bytes each, with their two-slot rings): a fleet host's stopped block actors.
    private const int SpareMailboxLimit = 2048;

    [ThreadStatic]
    private static DeterministicDispatcher? t_driving;

    // Per thread, so that hosts driven on other threads never share one; see Recycle.
    [ThreadStatic]
    private static Stack<DeterministicMailbox>? t_spareMailboxes;

    private readonly ISchedulingStrategy _strategy;
    private readonly FifoStrategy? _fifo;
    private readonly VirtualScheduler _scheduler = new();
    private readonly ConcurrentQueue<InboxItem>? _inbox;
    private readonly Lock _gate = new();
    private long _nextId;
    private long _step;
    private bool _running;

    // The driving thread's state, fetched once per run: thread-local access goes through __tls_get_addr on Linux, too slow per step.
    private ActorThreadState? _driverState;

    public DeterministicDispatcher(ActorSystem system, ISchedulingStrategy strategy, bool recordTrace, bool guarded)
        : base(system)
    {
        _strategy = strategy ?? throw new ArgumentException("the strategy factory returned null", nameof(strategy));
        // The default strategy is called directly (sealed, inlinable): two interface calls per message are a measurable share of a step.
        _fifo = strategy as FifoStrategy;
        Trace = recordTrace ? new Trace() : null;
        _inbox = guarded ? new ConcurrentQueue<InboxItem>() : null;
    }

    public override IScheduler Scheduler => _scheduler;

    public override bool IsDeterministic => true;

    public Trace? Trace { get; }

    public IDeliveryObserver? Observer { get; set; }

    public long StepCount => _step;

    public TimeSpan Now => _scheduler.Now;

    private bool OnDrivingThread
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _inbox is null || t_driving == this;
    }

    public override IActorRef? CurrentSender => _driverState?.Envelope.Sender;

    public override long NextId() => _inbox is null ? _nextId++ : Interlocked.Increment(ref _nextId) - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public override void Post(ActorCell cell, Envelope envelope)
    {
        if (!OnDrivingThread)
        {
            PostFromOtherThread(cell, envelope);
            return;
        }

        var mailbox = Unsafe.As<DeterministicMailbox?>(cell.Mailbox) ?? CreateMailbox(cell);
        mailbox.EnqueueUser(envelope);
        if (cell.Scheduled == 0 && (cell.Flags & ActorCell.Suspended) == 0)
        {
            Enable(cell);
        }
    }

    /// <summary>A tell from a thread not driving this island: queued for the driving thread (kept out of the inlined <see cref="Post"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void PostFromOtherThread(ActorCell cell, Envelope envelope) => _inbox!.Enqueue(new InboxItem(cell, envelope, default, false));

    public override void PostSystem(ActorCell cell, SystemMessage message)
    {
        if (!OnDrivingThread)
        {
            _inbox!.Enqueue(new InboxItem(cell, default, message, true));
            return;
        }

        var mailbox = Unsafe.As<DeterministicMailbox?>(cell.Mailbox) ?? CreateMailbox(cell);
        mailbox.EnqueueSystem(message);
        if (cell.Scheduled == 0)
        {
            Enable(cell);
        }
    }

    public override void Start(ActorCell cell)
    {
        if (!OnDrivingThread)
        {
            throw new InvalidOperationException("an island's actors are created by the thread driving it (Island.ActorOf takes care of that)");
        }

        Enable(cell);
    }

    public override void Prepend(ActorCell cell, Envelope[] envelopes) =>
        (Unsafe.As<DeterministicMailbox?>(cell.Mailbox) ?? CreateMailbox(cell)).PushFront(envelopes);

    public override void DrainToDeadLetters(ActorCell cell)
    {
        if (cell.Mailbox is not DeterministicMailbox mailbox)
        {
            return;
        }

        while (mailbox.UserCount > 0)
        {
            var e = mailbox.DequeueUser();
            System.DeadLettersRef.Publish(new DeadLetter(e.Message, e.Sender, cell, DeadLetterReason.RecipientStopped));
        }
    }

    public override bool IsIdle(ActorCell cell) =>
        OnDrivingThread && (cell.Mailbox is not DeterministicMailbox mailbox || (mailbox.UserCount == 0 && mailbox.SystemCount == 0));

    /// <summary>
    /// Keeps the empty mailbox of an actor that stopped at once (<see cref="ActorCell.TryStopSelfNow"/>) for the next actor
    /// created on this thread: a fleet worker runs host after host, each spawning and stopping a thousand block actors. Safe
    /// because such a cell never reads its mailbox again (a tell to it is a dead letter; a system message makes a new one).
    /// </summary>
    public override void Recycle(ActorCell cell)
    {
        if (OnDrivingThread && cell.Mailbox is DeterministicMailbox { UserCount: 0, SystemCount: 0 } mailbox)
        {
            cell.Mailbox = null;
            var spare = t_spareMailboxes ??= new Stack<DeterministicMailbox>();
            if (spare.Count < SpareMailboxLimit)
            {
                spare.Push(mailbox);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static DeterministicMailbox CreateMailbox(ActorCell cell)
    {
        var mailbox = t_spareMailboxes is { Count: > 0 } spare ? spare.Pop() : new DeterministicMailbox();
        cell.Mailbox = mailbox;
        return mailbox;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Enable(ActorCell cell)
    {
        cell.Scheduled = 1;
        if (_fifo is not null)
        {
            _fifo.Enable(cell);
        }
        else
        {
            _strategy.Enable(cell);
        }
    }

    /// <summary>Runs one step if any actor is enabled.</summary>
    /// <remarks>Inlined into the run loops, with the common step (a user message to a created actor, no observer) on a
    /// straight path and everything else in <see cref="StepRare"/>: a small frame with no try block keeps the cell and the
    /// thread state in registers. An exception escaping the step (the actor's own failures are caught in
    /// <see cref="ActorCell.Invoke"/>) leaves <c>state.Cell</c> set; the run method's <see cref="DriveScope"/> clears it on the way out.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Step()
    {
        var next = _fifo is not null ? _fifo.Choose(_step) : _strategy.Choose(_step);
        if (next is null)
        {
            return false;
        }

        var cell = Unsafe.As<ActorCell>(next);
        cell.Scheduled = 0;
        var step = _step++;
        Trace?.Add(cell.Id);
        var state = _driverState!;
        state.Cell = cell;
        var mailbox = Unsafe.As<DeterministicMailbox?>(cell.Mailbox);
        if ((cell.Flags & ActorCell.PendingCreate) == 0 && mailbox!.SystemCount == 0 && Observer is null)
        {
            cell.Invoke(mailbox.DequeueUser(), state);
        }
        else
        {
            StepRare(cell, step, state);
        }

        state.Cell = null;
        if (cell.Scheduled == 0 && HasWork(cell))
        {
            Enable(cell);
        }

        return true;
    }

    /// <summary>A step that creates the actor, handles a system message, or reports a delivery to the observer.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void StepRare(ActorCell cell, long step, ActorThreadState state)
    {
        // A cell created on its first message was enabled by that message: it is constructed and takes it in one step.
        if ((cell.Flags & ActorCell.PendingCreate) == 0 || CreateAndGoOn(cell))
        {
            var mailbox = Unsafe.As<DeterministicMailbox>(cell.Mailbox)!;
            if (mailbox.SystemCount > 0)
            {
                cell.HandleSystem(mailbox.DequeueSystem());
            }
            else
            {
                var envelope = mailbox.DequeueUser();
                Observer?.OnDelivery(step, cell.Id, envelope.Sender is ActorCell sender ? sender.Id : -1, envelope.Message);
                cell.Invoke(envelope, state);
            }
        }
    }

    /// <summary>Runs a pending creation; true when the same step goes on to the mailbox (a cell created on its first message that can take it).</summary>
    private static bool CreateAndGoOn(ActorCell cell)
    {
        cell.Create();
        return cell.CreatesOnFirstMessage && HasWork(cell);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool HasWork(ActorCell cell)
    {
        if ((cell.Flags & ActorCell.PendingCreate) != 0)
        {
            return true;
        }

        var mailbox = Unsafe.As<DeterministicMailbox?>(cell.Mailbox);
        return mailbox is not null && (mailbox.SystemCount > 0 || ((cell.Flags & ActorCell.Suspended) == 0 && mailbox.UserCount > 0));
    }

    /// <summary>Applies messages other threads handed to this island; true if there were any.</summary>
    private bool DrainInbox()
    {
        if (_inbox is null || _inbox.IsEmpty)
        {
            return false;
        }

        while (_inbox.TryDequeue(out var item))
        {
            if (item.IsSystem)
            {
                PostSystem(item.Cell, item.System);
            }
            else if (item.Cell.IsTerminated)
            {
                item.Cell.Tell(item.Envelope.Message, item.Envelope.Sender);
            }
            else
            {
                Post(item.Cell, item.Envelope);
            }
        }

        return true;
    }
}
