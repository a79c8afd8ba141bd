namespace HotplugCluster.Actors;

/// <summary>An actor whose behaviour is a list of typed handlers registered in its constructor with <see cref="Receive{T}(Action{T})"/>;
/// the first matching handler wins, no match goes to <see cref="ActorBase.Unhandled"/>. Extension point for ordinary actors.</summary>
/// <remarks>Unlike Akka, <c>Receive</c> called outside the constructor and outside <see cref="Become"/> adds to the initial behaviour instead of throwing.</remarks>
public abstract class ReceiveActor : ActorBase
{
    private readonly HandlerTable _initial = new();
    private HandlerTable? _building;

    /// <summary>Handles messages of type <typeparamref name="T"/>.</summary>
    protected void Receive<T>(Action<T> handler) => Add(new Handler<T>(null, handler));

    /// <summary>Handles messages of type <typeparamref name="T"/> for which <paramref name="shouldHandle"/> is true.</summary>
    protected void Receive<T>(Predicate<T> shouldHandle, Action<T> handler) => Add(new Handler<T>(shouldHandle, handler));

    /// <summary>Handles any message not matched by an earlier handler.</summary>
    protected void ReceiveAny(Action<object> handler) => Add(new Handler<object>(null, handler));

    /// <summary>Replaces the behaviour with the handlers <paramref name="configure"/> registers.</summary>
    protected void Become(Action configure) => Context.Become(Build(configure));

    /// <summary>Pushes the handlers <paramref name="configure"/> registers on top of the current behaviour.</summary>
    protected void BecomeStacked(Action configure) => Context.BecomeStacked(Build(configure));

    /// <summary>Returns to the behaviour below the top one.</summary>
    protected void UnbecomeStacked() => Context.UnbecomeStacked();

    internal sealed override bool ReceiveCore(object message) => _initial.Handle(message);

    private Receive Build(Action configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var table = new HandlerTable();
        var previous = _building;
        _building = table;
        try
        {
            configure();
        }
        finally
        {
            _building = previous;
        }

        return table.Handle;
    }

    private void Add(Handler handler) => (_building ?? _initial).Add(handler);

    private abstract class Handler
    {
        public abstract bool TryHandle(object message);
    }

    private sealed class Handler<T>(Predicate<T>? shouldHandle, Action<T> action) : Handler
    {
        private readonly Action<T> _action = action ?? throw new ArgumentNullException(nameof(action));

        public override bool TryHandle(object message)
        {
            if (message is T typed && (shouldHandle is null || shouldHandle(typed)))
            {
                _action(typed);
                return true;
            }

            return false;
        }
    }

    private sealed class HandlerTable
    {
        private Handler[] _handlers = [];

        public void Add(Handler handler) => _handlers = [.. _handlers, handler];

        public bool Handle(object message)
        {
            foreach (var handler in _handlers)
            {
                if (handler.TryHandle(message))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
