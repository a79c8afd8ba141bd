namespace HotplugCluster.Bench.Actors;

/// <summary>The deterministic dispatcher's baseline: a bare <see cref="Queue{T}"/> of (handler, message) and a loop invoking the handlers.</summary>
public sealed class BareQueuePingPong
{
    private readonly Queue<(Action<object> Handler, object Message)> _queue = new();
    private readonly Action<object> _ping;
    private readonly Action<object> _pong;
    private long _left;

    public BareQueuePingPong()
    {
        _ping = m => Bounce(_pong!, m);
        _pong = m => Bounce(_ping, m);
    }

    /// <summary>Delivers <paramref name="messages"/> messages and returns how many were delivered.</summary>
    public long Run(long messages)
    {
        _left = messages;
        _queue.Enqueue((_ping, Ball.Instance));
        long delivered = 0;
        while (_queue.TryDequeue(out var item))
        {
            item.Handler(item.Message);
            delivered++;
        }

        return delivered;
    }

    private void Bounce(Action<object> to, object message)
    {
        if (--_left > 0)
        {
            _queue.Enqueue((to, message));
        }
    }
}
