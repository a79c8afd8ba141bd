namespace HotplugCluster.Bench.Akka;

/// <summary>Counts Akka.NET actors that have reached a point (started, finished writing, recovered) on the dispatcher's threads, and opens once all have.</summary>
internal sealed class Countdown(int count) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);
    private readonly ManualResetEventSlim _all = new(count == 0);
    private int _left = count;

    public void Signal()
    {
        if (Interlocked.Decrement(ref _left) == 0)
        {
            _all.Set();
        }
    }

    /// <summary>Waits for every actor; a benchmark that stalls for ten minutes is broken, and says so.</summary>
    public void Wait()
    {
        if (!_all.Wait(Patience))
        {
            throw new TimeoutException($"Akka.NET benchmark stalled: {Volatile.Read(ref _left)} actors never reported");
        }
    }

    public void Dispose() => _all.Dispose();
}
