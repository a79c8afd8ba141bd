namespace HotplugCluster.Bench.Actors;

/// <summary>Baseline of <see cref="DeterministicFanOut"/>: the same message flow through a bare queue of (handler, message).</summary>
public sealed class BareQueueFanOut
{
    private readonly Queue<(Action<object> Handler, object Message)> _queue = new();
    private readonly Action<object>[] _workers;
    private readonly Action<object> _coordinator;
    private long _rounds;
    private int _pending;

    public BareQueueFanOut(int workers)
    {
        _coordinator = _ =>
        {
            if (--_pending == 0 && --_rounds > 0)
            {
                Scatter();
            }
        };
        _workers = [.. Enumerable.Range(0, workers).Select(_ => (Action<object>)(m => _queue.Enqueue((_coordinator, m))))];
    }

    /// <summary>Runs <paramref name="rounds"/> rounds; returns the messages delivered.</summary>
    public long Run(long rounds)
    {
        _rounds = rounds;
        Scatter();
        long delivered = 0;
        while (_queue.TryDequeue(out var item))
        {
            item.Handler(item.Message);
            delivered++;
        }

        return delivered;
    }

    private void Scatter()
    {
        _pending = _workers.Length;
        foreach (var worker in _workers)
        {
            _queue.Enqueue((worker, Ball.Instance));
        }
    }
}
