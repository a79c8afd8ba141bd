using HotplugCluster.Actors;
using HotplugCluster.Actors.Messages;
using Xunit.Sdk;

namespace HotplugCluster.TestKit;

/// <summary>An actor whose received messages a test inspects. Every wait runs the deterministic system in virtual time: a wait of
/// 3 s costs only the steps it takes, and a wait for a message that can never come fails at once instead of hanging.</summary>
public sealed class TestProbe
{
    private readonly ActorSystem _system;
    private readonly Queue<(object Message, IActorRef Sender)> _received = new();
    private readonly Stack<TimeSpan> _deadlines = new();

    internal TestProbe(ActorSystem system, string? name, TimeSpan defaultTimeout)
    {
        _system = system;
        DefaultTimeout = defaultTimeout;
        Ref = system.ActorOf(Props.Create(() => new ProbeActor(_received)), name);
    }

    /// <summary>The probe's actor: use it as the target or the sender of messages.</summary>
    public IActorRef Ref { get; }

    /// <summary>The sender of the last message an Expect method returned.</summary>
    public IActorRef? LastSender { get; private set; }

    /// <summary>How long (virtual time) an Expect method waits when given no timeout and not inside <see cref="Within(TimeSpan, Action)"/>.</summary>
    public TimeSpan DefaultTimeout { get; }

    /// <summary>Waits for the next message and asserts it is a <typeparamref name="T"/>.</summary>
    public T ExpectMsg<T>(TimeSpan? max = null) => ExpectMsg<T>(static _ => true, max);

    /// <summary>Waits for the next message and asserts it is a <typeparamref name="T"/> satisfying <paramref name="predicate"/>.</summary>
    public T ExpectMsg<T>(Predicate<T> predicate, TimeSpan? max = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var message = Receive(max, $"a {typeof(T).Name}");
        if (message is not T typed)
        {
            throw new XunitException($"expected a {typeof(T).Name} but received {Describe(message)}");
        }

        return predicate(typed) ? typed : throw new XunitException($"received {Describe(message)}, which does not satisfy the predicate");
    }

    /// <summary>Waits for the next message and asserts it equals <paramref name="expected"/>.</summary>
    public T ExpectMsgEqual<T>(T expected, TimeSpan? max = null)
    {
        var message = Receive(max, Describe(expected));
        return message is T typed && EqualityComparer<T>.Default.Equals(typed, expected)
            ? typed
            : throw new XunitException($"expected {Describe(expected)} but received {Describe(message)}");
    }

    /// <summary>Runs for <paramref name="duration"/> (default 1 s) of virtual time and asserts no message arrives.</summary>
    public void ExpectNoMsg(TimeSpan? duration = null)
    {
        var wait = Remaining(duration ?? TimeSpan.FromSeconds(1));
        if (_received.Count > 0 || _system.RunUntil(() => _received.Count > 0, wait))
        {
            throw new XunitException($"expected no message within {wait} but received {Describe(_received.Peek().Message)}");
        }
    }

    /// <summary>Receives messages, discarding them, until one is a <typeparamref name="T"/> satisfying <paramref name="isTheMessage"/>.</summary>
    public T FishForMessage<T>(Predicate<T> isTheMessage, TimeSpan? max = null)
    {
        ArgumentNullException.ThrowIfNull(isTheMessage);
        var deadline = _system.Scheduler.Now + Remaining(max ?? DefaultTimeout);
        while (true)
        {
            var left = deadline - _system.Scheduler.Now;
            var message = Receive(left > TimeSpan.Zero ? left : TimeSpan.Zero, $"a {typeof(T).Name} matching the predicate");
            if (message is T typed && isTheMessage(typed))
            {
                return typed;
            }
        }
    }

    /// <summary>Asserts <paramref name="watched"/> stops: watches it and waits for its <see cref="Terminated"/>.</summary>
    public Terminated ExpectTerminated(IActorRef watched, TimeSpan? max = null)
    {
        Watch(watched);
        return ExpectMsg<Terminated>(t => t.ActorRef == watched, max);
    }

    /// <summary>Makes the probe watch <paramref name="actor"/> (takes effect at the probe's next step).</summary>
    public void Watch(IActorRef actor) => Ref.Tell(new ProbeActor.WatchCommand(actor), null);

    /// <summary>Runs <paramref name="body"/>, asserting it takes at most <paramref name="max"/> of virtual time; Expect calls inside wait no longer than what remains.</summary>
    public void Within(TimeSpan max, Action body) => Within(TimeSpan.Zero, max, body);

    /// <summary>Runs <paramref name="body"/>, asserting it takes between <paramref name="min"/> and <paramref name="max"/> of virtual time.</summary>
    public void Within(TimeSpan min, TimeSpan max, Action body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var start = _system.Scheduler.Now;
        _deadlines.Push(start + max);
        try
        {
            body();
        }
        finally
        {
            _deadlines.Pop();
        }

        var elapsed = _system.Scheduler.Now - start;
        if (elapsed < min || elapsed > max)
        {
            throw new XunitException($"block took {elapsed} of virtual time, expected between {min} and {max}");
        }
    }

    /// <summary>Tells <paramref name="message"/> to the sender of the last received message, from the probe.</summary>
    public void Reply(object message) =>
        (LastSender ?? throw new InvalidOperationException("no message received yet")).Tell(message, Ref);

    /// <summary>Tells <paramref name="message"/> to <paramref name="target"/> with the probe as sender.</summary>
    public void Send(IActorRef target, object message)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Tell(message, Ref);
    }

    private object Receive(TimeSpan? max, string what)
    {
        var wait = Remaining(max ?? DefaultTimeout);
        if (_received.Count == 0 && !_system.RunUntil(() => _received.Count > 0, wait))
        {
            throw new XunitException($"timeout ({wait} of virtual time) while waiting for {what}");
        }

        var (message, sender) = _received.Dequeue();
        LastSender = sender;
        return message;
    }

    private TimeSpan Remaining(TimeSpan wanted)
    {
        if (_deadlines.Count == 0)
        {
            return wanted;
        }

        var left = _deadlines.Peek() - _system.Scheduler.Now;
        return left < wanted ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : wanted;
    }

    private static string Describe(object? message) => message is null ? "null" : $"{message.GetType().Name} {message}";
}
