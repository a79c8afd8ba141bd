namespace HotplugCluster.Persistence.Journal;

/// <summary>Read-side queries over what is in the journal now ("current" queries in Akka.Persistence.Query terms).</summary>
public interface IJournalQueries
{
    /// <summary>The stream's live events in [from, to], in sequence order.</summary>
    IReadOnlyList<EventEnvelope> CurrentEventsByPersistenceId(string persistenceId, long fromSequenceNr = 1, long toSequenceNr = long.MaxValue);

    /// <summary>Live events carrying <paramref name="tag"/> with an ordering greater than <paramref name="afterOrdering"/>, in journal order.</summary>
    IReadOnlyList<EventEnvelope> CurrentEventsByTag(string tag, long afterOrdering = 0);

    /// <summary>
    /// Live events of every stream whose persistence id starts with <paramref name="prefix"/> (ordinal), in journal
    /// order. This is how a whole run is read back (<c>hotplug replay</c>): one query for all of its actors' streams,
    /// instead of one replay per stream or a walk of the tag table.
    /// </summary>
    IReadOnlyList<EventEnvelope> CurrentEventsByPersistenceIdPrefix(string prefix);

    /// <summary>Every persistence id that has events, sorted ordinally.</summary>
    IReadOnlyList<string> CurrentPersistenceIds();

    /// <summary>
    /// Begins a consistent read: until the returned scope is disposed, the queries on this store see the journal as
    /// of one moment (one read transaction), whatever other writers commit meanwhile, so a run's metadata, streams
    /// and counts agree while another process records. Scopes nest; the store writes nothing while one is open.
    /// </summary>
    IDisposable ReadSnapshot();
}
