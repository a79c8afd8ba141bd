using System.Runtime.CompilerServices;
using HotplugCluster.Actors.Dispatch;
using HotplugCluster.Actors.Messages;

namespace HotplugCluster.Actors.Cells;

/// <summary>An actor's runtime state, its reference and its context in one object (no separate ref, path or mailbox objects until needed),
/// which keeps an idle actor near 100 bytes. Split by concern: Context, Children, DeathWatch, Lifecycle, Faults.</summary>
internal sealed partial class ActorCell : IActorRef, IScheduledActor, IThreadPoolWorkItem
{
    public const int PendingCreate = 1;
    public const int Suspended = 2;
    public const int Terminating = 4;
    public const int Terminated = 8;
    public const int AwaitingChildrenForRestart = 16;

    /// <summary>The current instance is an <see cref="UntypedActor"/>: its messages go straight to OnReceive, one virtual call.</summary>
    public const int Untyped = 32;

    [ThreadStatic]
    private static ActorThreadState? t_state;

    [ThreadStatic]
    private static ActorCell? t_constructing;

    private readonly ActorCell? _parent;
    private readonly Props _props;
    private readonly long _id;
    private readonly string? _name;
    private ActorBase? _actor;
    private CellExtras? _extras;

    /// <summary>The dispatcher's mailbox object, allocated on the first message.</summary>
    internal object? Mailbox;

    /// <summary>Flags above; written only by the thread processing this actor.</summary>
    internal int Flags;

    /// <summary>1 while the actor is in the strategy's enabled set (deterministic) or queued on the pool (parallel).</summary>
    internal int Scheduled;

    internal ActorCell? NextSibling;
    internal ActorCell? PrevSibling;

    internal ActorCell(Dispatcher dispatcher, ActorCell? parent, Props props, string? name)
    {
        Dispatcher = dispatcher;
        _parent = parent;
        _props = props;
        _name = name;
        _id = dispatcher.NextId();
        Flags = PendingCreate;
    }

    /// <summary>The actor whose message or hook runs on this thread, if any.</summary>
    internal static ActorCell? Current => t_state?.Cell;

    /// <summary>The envelope being processed on this thread.</summary>
    internal static Envelope CurrentEnvelope => t_state is { } state ? state.Envelope : default;

    /// <summary>The sender of the message being processed on this thread, if any.</summary>
    internal static IActorRef? CurrentSender => t_state?.Envelope.Sender;

    /// <summary>This thread's current actor and envelope, in one object so that a step touches thread-local storage once.</summary>
    internal static ActorThreadState State => t_state ??= new ActorThreadState();

    /// <summary>Drops the last envelope this thread processed when no actor runs on it (it would keep a discarded island's actors alive).</summary>
    internal static void ForgetLastEnvelope()
    {
        if (t_state is { Cell: null } state)
        {
            state.Envelope = default;
        }
    }

    internal Dispatcher Dispatcher { get; }

    public long Id => _id;

    public ActorPath Path => _parent is null ? new ActorPath((ActorPath?)null, Name, _id) : new ActorPath(_parent, Name, _id);

    internal string Name => _name ?? (_parent is null ? string.Empty : "$" + _id.ToString(global::System.Globalization.CultureInfo.InvariantCulture));

    internal ActorBase? Actor => _actor;

    /// <summary>Whether this actor is constructed on its first message (<see cref="Props.CreatesOnFirstMessage"/>).</summary>
    internal bool CreatesOnFirstMessage => _props.CreatesOnFirstMessage;

    internal bool IsTerminated => (Volatile.Read(ref Flags) & Terminated) != 0;

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if ((Flags & Terminated) != 0)
        {
            TellTerminated(message, sender);
            return;
        }

        // The deterministic dispatcher is sealed: called directly, its post inlines here instead of costing a virtual call per message.
        if (Dispatcher is DeterministicDispatcher deterministic)
        {
            deterministic.Post(this, new Envelope(message, sender));
        }
        else
        {
            Dispatcher.Post(this, new Envelope(message, sender));
        }
    }

    /// <summary>A tell to a stopped actor becomes a dead letter; out of line, so that <see cref="Tell"/> stays small.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void TellTerminated(object message, IActorRef? sender)
    {
        if (message is not DeadLetter)
        {
            Dispatcher.System.DeadLettersRef.Publish(new DeadLetter(message, sender, this, DeadLetterReason.RecipientStopped));
        }
    }

    public void SendSystem(SystemMessage message) => Dispatcher.PostSystem(this, message);

    public override string ToString() => $"Actor[{Path}#{_id}]";

    /// <summary>Parallel dispatcher entry point.</summary>
    public void Execute() => ((ParallelDispatcher)Dispatcher).RunFromPool(this);

    internal static ActorCell? TakeConstructing()
    {
        var cell = t_constructing;
        t_constructing = null;
        return cell;
    }

    /// <summary>Delivers a user message to the current behaviour; failures go to the supervisor.</summary>
    internal void Invoke(Envelope envelope, ActorThreadState state)
    {
        // Not restored afterwards: steps never nest, and the envelope is only read while an actor runs (Current is set).
        state.Envelope = envelope;
        var message = envelope.Message;
        try
        {
            // Tests for the three sealed types instead of `is IAutoReceivedMessage`: an interface test costs a helper call on every
            // message, and a sealed type's test is one compare of the object's type handle (GetType() was a call of its own).
            if (message is PoisonPill or Kill or HotplugCluster.Actors.Timers.TimerMessage)
            {
                AutoReceive(message, state);
            }
            else
            {
                ReceiveMessage(message);
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, message);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ReceiveMessage(object message)
    {
        var behaviors = _extras?.Behaviors;
        if (behaviors is { Count: > 0 })
        {
            if (!behaviors[^1](message))
            {
                _actor!.InvokeUnhandled(message);
            }
        }
        else if ((Flags & Untyped) != 0)
        {
            // One virtual call instead of two (ReceiveCore, then OnReceive); an untyped actor calls Unhandled itself.
            Unsafe.As<UntypedActor>(_actor)!.Receive(message);
        }
        else if (!_actor!.ReceiveCore(message))
        {
            _actor!.InvokeUnhandled(message);
        }
    }

    private void AutoReceive(object message, ActorThreadState state)
    {
        switch (message)
        {
            case PoisonPill:
                SendSystem(new SystemMessage(SystemMessageKind.Terminate));
                break;
            case Kill:
                throw new ActorKilledException($"{Path}: Kill");
            case Timers.TimerMessage timer:
                if (_extras?.Timers?.Accept(timer) is { } inner)
                {
                    // The unwrapped message becomes the current one, so that stashing it keeps it rather than its spent timer wrapper.
                    state.Envelope = new Envelope(inner, state.Envelope.Sender);
                    ReceiveMessage(inner);
                }

                break;
        }
    }

    private CellExtras Extras
    {
        get
        {
            var extras = _extras;
            if (extras is not null)
            {
                return extras;
            }

            // A parent's extras may be created by an outside thread (system.ActorOf) while the parent runs: publish atomically.
            Interlocked.CompareExchange(ref _extras, new CellExtras(), null);
            return _extras!;
        }
    }
}
