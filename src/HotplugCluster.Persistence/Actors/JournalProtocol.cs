using HotplugCluster.Actors;
using HotplugCluster.Persistence.Journal;
using HotplugCluster.Persistence.Snapshots;

namespace HotplugCluster.Persistence.Actors;

/// <summary>Messages between persistent actors and the journal actor.</summary>
internal static class JournalProtocol
{
    /// <summary>The atomic writes of one command (or of the handlers of one write), for one actor incarnation.</summary>
    internal sealed record WriteRequest(IReadOnlyList<AtomicWrite> Writes, IActorRef Actor, long Incarnation);

    /// <summary>Per write: null when written, else its rejection; <paramref name="Failure"/> when the whole batch failed.</summary>
    internal sealed record WriteOutcome(long Incarnation, IReadOnlyList<Exception?> Rejections, Exception? Failure);

    internal sealed record RecoverRequest(string PersistenceId, Recovery Recovery, IActorRef Actor, long Incarnation);

    internal sealed record Recovered(long Incarnation, SelectedSnapshot? Snapshot, IReadOnlyList<PersistentRepr> Events, long HighestSequenceNr);

    internal sealed record RecoveryFailed(long Incarnation, Exception Cause);

    internal sealed record SaveSnapshotRequest(SnapshotMetadata Metadata, string Manifest, byte[] Payload, IActorRef Actor);

    internal sealed record DeleteRequest(string PersistenceId, long ToSequenceNr, IActorRef Actor);

    /// <summary>Sent by the journal actor to itself: write what has been collected.</summary>
    internal sealed class Flush
    {
        public static Flush Instance { get; } = new();
    }
}
