namespace HotplugCluster.Persistence.Snapshots;

/// <summary>Which stream a snapshot belongs to, the sequence number it covers, and when it was taken.</summary>
public sealed record SnapshotMetadata(string PersistenceId, long SequenceNr, long Timestamp);
