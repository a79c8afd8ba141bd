namespace HotplugCluster.Persistence.Journal;

/// <summary>Read-side queries over what is in the journal now ("current" queries in Akka.Persistence.Query terms).</summary>
public interface IJournalQueries
{
    /// <summary>The stream's live events in [from, to], in sequence order.</summary>
    IReadOnlyList<EventEnvelope> CurrentEventsByPersistenceId(string persistenceId, long fromSequenceNr = 1, long toSequenceNr = long.MaxValue);

    /// <summary>Live events carrying <paramref name="tag"/> with an ordering greater than <paramref name="afterOrdering"/>, in journal order.</summary>
    IReadOnlyList<EventEnvelope> CurrentEventsByTag(string tag, long afterOrdering = 0);

    /// <summary>Every persistence id that has events, sorted ordinally.</summary>
    IReadOnlyList<string> CurrentPersistenceIds();
}
