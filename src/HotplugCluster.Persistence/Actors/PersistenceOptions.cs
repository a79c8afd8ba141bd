namespace HotplugCluster.Persistence.Actors;

/// <summary>How persistent actors of one actor system reach their journal.</summary>
/// <param name="MaxBatchWrites">The most atomic writes the journal actor puts in one transaction.</param>
/// <param name="Tagger">Tags for an event (persistence id, event) in addition to the actor's own <see cref="PersistentActor.TagsFor"/>; null adds none.</param>
public sealed record PersistenceOptions(int MaxBatchWrites = 1024, Func<string, object, IReadOnlyList<string>>? Tagger = null)
{
    /// <summary>The defaults.</summary>
    public static PersistenceOptions Default { get; } = new();
}
