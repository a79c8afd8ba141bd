namespace HotplugCluster.Persistence.Journal;

/// <summary>One atomic write refused by the journal while the rest of its batch was written.</summary>
public sealed class WriteRejectedException : Exception
{
    public WriteRejectedException()
    {
    }

    public WriteRejectedException(string message)
        : base(message)
    {
    }

    public WriteRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The rejection for a write whose sequence numbers another writer already holds.</summary>
    public static WriteRejectedException SequenceTaken(AtomicWrite write) =>
        new($"{write.PersistenceId}#{write.LowestSequenceNr}: sequence numbers {write.LowestSequenceNr}..{write.HighestSequenceNr} are already written (a second writer on this persistence id?); nothing was overwritten.");
}
