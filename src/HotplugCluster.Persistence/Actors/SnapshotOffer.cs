using HotplugCluster.Persistence.Snapshots;

namespace HotplugCluster.Persistence.Actors;

/// <summary>Delivered to <see cref="PersistentActor.ReceiveRecover"/> first when recovery starts from a snapshot.</summary>
/// <param name="Metadata">Which stream and sequence number the snapshot was taken at.</param>
/// <param name="Snapshot">The decoded snapshot.</param>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);
