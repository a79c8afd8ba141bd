namespace HotplugCluster.Persistence.Snapshots;

/// <summary>Bounds on the snapshots to load or delete (inclusive), as in Akka.Persistence.</summary>
public sealed record SnapshotSelectionCriteria(long MaxSequenceNr, long MaxTimestamp, long MinSequenceNr = 0, long MinTimestamp = 0)
{
    /// <summary>The youngest snapshot, whatever it covers.</summary>
    public static SnapshotSelectionCriteria Latest { get; } = new(long.MaxValue, long.MaxValue);

    /// <summary>Selects nothing: recovery then replays the whole journal.</summary>
    public static SnapshotSelectionCriteria None { get; } = new(0, 0);

    /// <summary>Whether a snapshot with this metadata falls inside the bounds.</summary>
    public bool Matches(SnapshotMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.SequenceNr <= MaxSequenceNr && metadata.Timestamp <= MaxTimestamp &&
               metadata.SequenceNr >= MinSequenceNr && metadata.Timestamp >= MinTimestamp;
    }
}
