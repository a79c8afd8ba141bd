namespace HotplugCluster.Persistence.Journal;

/// <summary>
/// The journal plug-in SPI, after Akka.Persistence's <c>AsyncWriteJournal</c>. Both shipped journals complete
/// their tasks synchronously on the calling thread, so a deterministic dispatcher can call them inline.
/// </summary>
public interface IAsyncWriteJournal : IAsyncDisposable
{
    /// <summary>
    /// Writes the batch in one transaction. The result has one entry per write: null when written, the
    /// rejection when that write alone was refused (e.g. its sequence numbers are taken by another writer);
    /// rejected writes leave nothing behind. A failure of the whole batch throws.
    /// </summary>
    Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default);

    /// <summary>Replays the stream's live (not deleted) events in [from, to], at most <paramref name="max"/>, in order.</summary>
    Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<PersistentRepr> recoveryCallback, CancellationToken cancellationToken = default);

    /// <summary>The highest sequence number ever written to the stream (deleted events included), or 0.</summary>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default);

    /// <summary>Deletes the stream's events up to and including <paramref name="toSequenceNr"/>; the highest sequence number is kept.</summary>
    Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default);
}
