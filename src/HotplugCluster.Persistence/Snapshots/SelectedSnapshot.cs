namespace HotplugCluster.Persistence.Snapshots;

/// <summary>A loaded snapshot: its metadata and its encoded state.</summary>
public sealed record SelectedSnapshot(SnapshotMetadata Metadata, string Manifest, ReadOnlyMemory<byte> Payload);
