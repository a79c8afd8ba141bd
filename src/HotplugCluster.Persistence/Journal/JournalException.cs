namespace HotplugCluster.Persistence.Journal;

/// <summary>
/// A journal that cannot be read or written as asked. When the problem is one event, the message begins
/// with <c>persistenceId#sequenceNr:</c> so the user can find it.
/// </summary>
public sealed class JournalException : Exception
{
    public JournalException()
    {
    }

    public JournalException(string message)
        : base(message)
    {
    }

    public JournalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An error about one event, located by its stream and sequence number.</summary>
    public static JournalException At(string persistenceId, long sequenceNr, string message, Exception? inner = null)
    {
        var text = $"{persistenceId}#{sequenceNr}: {message}";
        return inner is null ? new JournalException(text) { PersistenceId = persistenceId, SequenceNr = sequenceNr }
                             : new JournalException(text, inner) { PersistenceId = persistenceId, SequenceNr = sequenceNr };
    }

    /// <summary>The stream of the failing event, when the error concerns one event.</summary>
    public string? PersistenceId { get; private init; }

    /// <summary>The sequence number of the failing event, when the error concerns one event.</summary>
    public long? SequenceNr { get; private init; }
}
