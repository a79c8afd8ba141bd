namespace HotplugCluster.Bench.Akka;

/// <summary>Events and pages replayed by all recovering actors, so a recovery that lost events is a broken benchmark rather than a figure.</summary>
internal sealed class RecoveryTally
{
    private long _events;
    private long _pages;

    public long Events => Interlocked.Read(ref _events);

    public long Pages => Interlocked.Read(ref _pages);

    public void Add(long events, long pages)
    {
        Interlocked.Add(ref _events, events);
        Interlocked.Add(ref _pages, pages);
    }
}
