namespace HotplugCluster.Persistence.Actors;

/// <summary>Counters of the journal actor: how well writes of many actors are batched.</summary>
public sealed class JournalStatistics
{
    private long _transactions;
    private long _writes;
    private long _events;
    private long _rejections;

    /// <summary>Batches written, one transaction each.</summary>
    public long Transactions => Interlocked.Read(ref _transactions);

    /// <summary>Atomic writes (one per Persist / PersistAll call) written or rejected.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Events written.</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Atomic writes the journal rejected.</summary>
    public long Rejections => Interlocked.Read(ref _rejections);

    internal void Record(int writes, int events, int rejections)
    {
        Interlocked.Increment(ref _transactions);
        Interlocked.Add(ref _writes, writes);
        Interlocked.Add(ref _events, events);
        Interlocked.Add(ref _rejections, rejections);
    }
}
