using HotplugCluster.Persistence.Snapshots;

namespace HotplugCluster.Persistence.Actors;

/// <summary>Delivered as a command after <see cref="PersistentActor.SaveSnapshot"/> stored the snapshot.</summary>
public sealed record SaveSnapshotSuccess(SnapshotMetadata Metadata);
