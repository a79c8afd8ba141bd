namespace HotplugCluster.Persistence.Journal;

/// <summary>A query result: an event with its global position (<c>ordering</c>) in the journal.</summary>
public sealed record EventEnvelope(long Ordering, PersistentRepr Event);
