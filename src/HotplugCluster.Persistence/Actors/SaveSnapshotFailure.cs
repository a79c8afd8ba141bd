using HotplugCluster.Persistence.Snapshots;

namespace HotplugCluster.Persistence.Actors;

/// <summary>Delivered as a command when <see cref="PersistentActor.SaveSnapshot"/> could not store the snapshot.</summary>
public sealed record SaveSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);
